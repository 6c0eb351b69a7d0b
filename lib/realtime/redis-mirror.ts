import { Emitter as SocketEmitter } from "@socket.io/redis-emitter";
import { createClient } from "redis";
import type { Logger } from "@/lib/log";
import type { Emitter, Hub, HubCommands, HubView, LocationPatch } from "./hub";
import type { IngestStatus, LocationView } from "./protocol";
import type { Occupancy } from "@/lib/occupancy/types";

// Scale-out: the worker owns the hub (coalescing and sequence numbers). After each flush it writes the
// changed state to Redis and then emits the deltas through the Socket.IO Redis emitter, so web nodes
// hold no state: a watcher's snapshot is read from Redis with its sequence number in one MULTI.
// A delta emitted between that read and the room join shows up as a gap and the client resyncs.

type Redis = ReturnType<typeof createClient>;

const K = {
  locations: (t: string) => `fp:${t}:loc`,
  counts: (t: string) => `fp:${t}:cnt`,
  ingest: (t: string) => `fp:${t}:ing`,
  floor: (t: string, f: string) => `fp:${t}:fl:${f}`,
  seq: "fp:seq",
  owner: "fp:owner",
  commands: "fp:cmd",
};

export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const client = createClient({ url });
  client.on("error", (e: Error) => log.warn({ err: e.message }, "redis error"));
  await client.connect();
  return client;
}

const ROOM = /^loc:([^:]+):(.+)$/;
const FLOOR_ROOM = /^floor:([^:]+):(.+)$/;

/** The worker side: an Emitter that mirrors state into Redis and fans deltas out to every web node. */
export function createRedisMirror(redis: Redis, log: Logger) {
  const io = new SocketEmitter(redis);
  let hub: Hub | null = null;
  let batch: { writes: Array<(m: ReturnType<Redis["multi"]>) => void>; emits: Array<() => void> } = {
    writes: [],
    emits: [],
  };
  let chain: Promise<void> = Promise.resolve();

  const emitter: Emitter = {
    location(room, d) {
      batch.writes.push((m) => m.hSet(K.seq, room, String(d.seq)));
      const [, tenant, scope] = room.match(ROOM) ?? [];
      if (tenant && scope === "*") {
        for (const l of d.locations)
          batch.writes.push((m) => m.hSet(K.locations(tenant), l.id, JSON.stringify(l)).hSet(K.owner, l.id, tenant));
        for (const [id, o] of Object.entries(d.counts))
          batch.writes.push((m) => m.hSet(K.counts(tenant), id, JSON.stringify(o)));
        for (const id of d.removed ?? [])
          batch.writes.push((m) => m.hDel(K.locations(tenant), id).hDel(K.counts(tenant), id).hDel(K.owner, id));
        if (d.ingest) {
          const ingest = d.ingest;
          batch.writes.push((m) => m.set(K.ingest(tenant), JSON.stringify(ingest)));
        }
      }
      batch.emits.push(() => io.to(room).emit("location:delta", d));
    },
    floor(room, d) {
      const [, tenant, floorId] = room.match(FLOOR_ROOM) ?? [];
      const devices = tenant && floorId && hub ? JSON.stringify(hub.devicesOf(floorId)) : null;
      batch.writes.push((m) => {
        m.hSet(K.seq, room, String(d.seq));
        if (devices) m.set(K.floor(tenant!, floorId!), devices);
      });
      batch.emits.push(() => io.to(room).emit("floor:delta", d));
    },
    commit() {
      const { writes, emits } = batch;
      batch = { writes: [], emits: [] };
      if (!writes.length && !emits.length) return;
      chain = chain
        .then(async () => {
          const m = redis.multi();
          for (const w of writes) w(m);
          await m.exec();
          for (const e of emits) e();
        })
        .catch((e: unknown) => log.error({ err: (e as Error).message }, "redis mirror write failed"));
    },
  };

  return {
    emitter,
    attach(h: Hub) {
      hub = h;
    },
    /** Receives the location changes web nodes send; the caller applies those of tenants it is active for. */
    async listen(subscriber: Redis, apply: (locationId: string, patch: LocationPatch) => void) {
      await subscriber.subscribe(K.commands, (message) => {
        try {
          const c = JSON.parse(message) as { type: string; locationId: string; patch: LocationPatch };
          if (c.type === "location" && typeof c.locationId === "string") apply(c.locationId, c.patch ?? {});
        } catch {
          log.warn("ignored a malformed hub command");
        }
      });
    },
    /** Writes everything the hub holds (on start, so web nodes never see less than the worker knows). */
    seed(h: Hub, tenantIds: string[]) {
      for (const t of tenantIds) {
        const snap = h.locationSnapshot(t, null);
        if (!snap) continue;
        for (const l of snap.locations)
          batch.writes.push((m) => m.hSet(K.locations(t), l.id, JSON.stringify(l)).hSet(K.owner, l.id, t));
        for (const [id, o] of Object.entries(snap.counts))
          batch.writes.push((m) => m.hSet(K.counts(t), id, JSON.stringify(o)));
        batch.writes.push((m) => m.set(K.ingest(t), JSON.stringify(snap.ingest)));
      }
      emitter.commit!();
      return chain;
    },
    flushed: () => chain,
  };
}

/** The web side: snapshots read from the mirror, capacity changes sent to the worker. */
export function createRemoteView(redis: Redis): HubView & HubCommands {
  const parse = <T>(v: string | null | undefined): T | null => (v ? (JSON.parse(v) as T) : null);
  const ancestry = (locations: Map<string, LocationView>, id: string) => {
    const out: string[] = [];
    for (let cur: string | null | undefined = id; cur && out.length < 32; cur = locations.get(cur)?.parentId)
      out.push(cur);
    return out;
  };
  const tenantState = async (t: string, room: string) => {
    const [locs, counts, ingest, seq] = (await redis
      .multi()
      .hGetAll(K.locations(t))
      .hGetAll(K.counts(t))
      .get(K.ingest(t))
      .hGet(K.seq, room)
      .exec()) as unknown as [Record<string, string>, Record<string, string>, string | null, string | null];
    const locations = new Map(Object.entries(locs).map(([id, v]) => [id, JSON.parse(v) as LocationView]));
    return { locations, counts, ingest: parse<IngestStatus>(ingest), seq: Number(seq ?? 0) };
  };

  return {
    async locationSnapshot(tenantId, scope) {
      const room = `loc:${tenantId}:${scope ?? "*"}`;
      const st = await tenantState(tenantId, room);
      if (scope !== null && !st.locations.has(scope)) return null;
      const list = [...st.locations.values()].filter(
        (l) => scope === null || ancestry(st.locations, l.id).includes(scope),
      );
      const counts: Record<string, Occupancy> = {};
      for (const l of list) if (st.counts[l.id]) counts[l.id] = JSON.parse(st.counts[l.id]!) as Occupancy;
      return { scope, seq: st.seq, locations: list, counts, ingest: st.ingest ?? { state: "starting", detail: null } };
    },
    async floorSnapshot(tenantId, floorId) {
      const room = `floor:${tenantId}:${floorId}`;
      const [owner, devices, seq] = (await redis
        .multi()
        .hGet(K.owner, floorId)
        .get(K.floor(tenantId, floorId))
        .hGet(K.seq, room)
        .exec()) as unknown as [string | null, string | null, string | null];
      if (owner !== tenantId) return null;
      return { seq: Number(seq ?? 0), floorId, devices: parse(devices) ?? [] };
    },
    async lineage(locationId) {
      const tenantId = await redis.hGet(K.owner, locationId);
      if (!tenantId) return null;
      const locs = await redis.hGetAll(K.locations(tenantId));
      const locations = new Map(Object.entries(locs).map(([id, v]) => [id, JSON.parse(v) as LocationView]));
      return { tenantId, ancestors: ancestry(locations, locationId) };
    },
    async updateLocation(locationId, patch) {
      await redis.publish(K.commands, JSON.stringify({ type: "location", locationId, patch }));
      return true;
    },
  };
}

// Ingest status for the health checks of web nodes, which run no ingest themselves. A worker that
// stopped reporting (killed) drops out after STATUS_STALE_MS, so health says what is really running.
const STATUS_KEY = "fp:ingest";
const STATUS_STALE_MS = 15_000;

export interface SharedIngestStatus {
  activationId: string;
  state: string;
  lastReceivedAt: number | null;
  lastRecordTimestamp: number | null;
}

export async function publishIngestStatus(
  redis: Redis,
  statuses: SharedIngestStatus[],
  now = Date.now(),
): Promise<void> {
  if (!statuses.length) return;
  const m = redis.multi();
  for (const s of statuses) m.hSet(STATUS_KEY, s.activationId, JSON.stringify({ ...s, reportedAt: now }));
  await m.exec();
}

/** The latest statuses the workers published, refreshed in the background. */
export function readIngestStatus(redis: Redis, everyMs = 2_000, now = Date.now) {
  let current: SharedIngestStatus[] = [];
  const refresh = async () => {
    const all = await redis.hGetAll(STATUS_KEY).catch(() => ({}) as Record<string, string>);
    current = Object.values(all)
      .map((v) => JSON.parse(v) as SharedIngestStatus & { reportedAt: number })
      .filter((s) => now() - s.reportedAt < STATUS_STALE_MS)
      .map(({ reportedAt: _, ...s }) => s);
  };
  void refresh();
  const timer = setInterval(() => void refresh(), everyMs);
  return { current: () => current, close: () => clearInterval(timer) };
}
