import type { Changes, DevicePoint, Occupancy } from "@/lib/occupancy/types";
import type {
  FloorDeltaMessage,
  FloorSnapshot,
  IngestStatus,
  LocationDelta,
  LocationSnapshot,
  LocationView,
} from "./protocol";

// The live view every browser watches, kept apart from the engine: it is fed only by published
// changes, so it works the same wherever the ingest runs. Watchers subscribe to a location (its whole
// subtree) or to a tenant; deltas are coalesced per room and numbered so a client can see a gap.

export interface Emitter {
  /**
   * `readAt` (readClock epoch ms): when the earliest-read record behind this delta was read off the stream,
   * for the server-side latency the socket writer observes; absent when no record is behind it.
   */
  location(room: string, d: LocationDelta, readAt?: number): void;
  floor(room: string, d: FloorDeltaMessage, readAt?: number): void;
  /** Called once at the end of each flush that emitted something. */
  commit?(): void;
}

export const locationRoom = (tenantId: string, scope: string | null) => `loc:${tenantId}:${scope ?? "*"}`;
export const floorRoom = (tenantId: string, floorId: string) => `floor:${tenantId}:${floorId}`;

/** What is behind a pending delta: its oldest recordTimestamp and earliest read time (Infinity when none). */
interface Stamped {
  t: number;
  readAt: number;
}
const UNSTAMPED: Stamped = { t: Infinity, readAt: Infinity };
const stamp = (p: Stamped, t: number, readAt: number) => {
  if (t < p.t) p.t = t;
  if (readAt < p.readAt) p.readAt = readAt;
};

interface Pending extends Stamped {
  tenantId: string;
  scope: string | null;
  locations: Map<string, LocationView>;
  removed: Set<string>;
  counts: Record<string, Occupancy>;
  ingest: IngestStatus | null;
}

/** What a socket handler needs to serve watchers; local (the hub itself) or remote (a Redis mirror). */
export interface HubView {
  locationSnapshot(tenantId: string, scope: string | null): Promise<LocationSnapshot | null>;
  floorSnapshot(tenantId: string, floorId: string): Promise<FloorSnapshot | null>;
  /** The tenant a location belongs to, and its ancestors (itself first). */
  lineage(locationId: string): Promise<{ tenantId: string; ancestors: string[] } | null>;
}

/** An admin's change to a location: any subset of its settings. */
export interface LocationPatch {
  capacity?: number | null;
  targetCapacity?: number | null;
  polygon?: Array<[number, number]> | null;
}

/** What route handlers may ask of the live views (and, for zone outlines, of the engine). */
export interface HubCommands {
  updateLocation(locationId: string, patch: LocationPatch): boolean | Promise<boolean>;
}

export interface Hub {
  /** `readAt`: when the oldest input behind these changes was read, for the broadcast latency. */
  publish(tenantId: string, changes: Partial<Changes>, readAt?: number): void;
  updateLocation(locationId: string, patch: LocationPatch): boolean;
  setIngest(tenantId: string, status: IngestStatus): void;
  tenantOf(locationId: string): string | undefined;
  /** The location and its ancestors, nearest first. */
  ancestors(locationId: string): string[];
  /** Full device list of a floor. */
  devicesOf(floorId: string): DevicePoint[];
  /** Current state of one location and its count. */
  entry(locationId: string): { location: LocationView; count: Occupancy | undefined } | undefined;
  ingestOf(tenantId: string): IngestStatus | undefined;
  locationSnapshot(tenantId: string, scope: string | null): LocationSnapshot | null;
  floorSnapshot(tenantId: string, floorId: string): FloorSnapshot | null;
  /** Emits what accumulated since the last flush. */
  flush(): void;
}

export interface HubOptions {
  now?: () => number;
  /** Seconds from reading the oldest input to emitting its delta, once per flush that emitted. */
  observeLatency?(seconds: number): void;
}

export function createHub(
  emit: Emitter,
  initial: Array<LocationView & { tenantId: string }> = [],
  opts: HubOptions = {},
): Hub {
  const now = opts.now ?? Date.now;
  let oldestReadAt: number | null = null;
  const locations = new Map<string, LocationView>();
  const tenantOf = new Map<string, string>();
  const counts = new Map<string, Occupancy>();
  const heard = new Map<string, number>(); // location -> when its count last arrived (wall clock)
  const floors = new Map<string, Map<number, DevicePoint>>();
  const ingest = new Map<string, IngestStatus>();
  const seqs = new Map<string, number>();
  let pending = new Map<string, Pending>();
  let pendingFloors = new Map<
    string,
    Stamped & { tenantId: string; floorId: string; moved: Map<number, DevicePoint>; removed: Set<number> }
  >();

  for (const { tenantId, ...l } of initial) {
    locations.set(l.id, l);
    tenantOf.set(l.id, tenantId);
  }

  const ancestry = (id: string): string[] => {
    const out: string[] = [];
    for (let cur: string | null | undefined = id; cur && out.length < 32; cur = locations.get(cur)?.parentId)
      out.push(cur);
    return out;
  };

  const pendingFor = (tenantId: string, scope: string | null) => {
    const room = locationRoom(tenantId, scope);
    let p = pending.get(room);
    if (!p)
      pending.set(
        room,
        (p = { tenantId, scope, locations: new Map(), removed: new Set(), counts: {}, ingest: null, ...UNSTAMPED }),
      );
    return p;
  };
  const roomsOf = (tenantId: string, locationId: string) =>
    [null, ...ancestry(locationId)].map((scope) => pendingFor(tenantId, scope));

  const touchLocation = (tenantId: string, l: LocationView) => {
    locations.set(l.id, l);
    tenantOf.set(l.id, tenantId);
    for (const p of roomsOf(tenantId, l.id)) p.locations.set(l.id, l);
  };

  const subtree = (tenantId: string, scope: string | null): LocationView[] =>
    [...locations.values()].filter(
      (l) => tenantOf.get(l.id) === tenantId && (scope === null || ancestry(l.id).includes(scope)),
    );

  const nextSeq = (room: string) => {
    const s = (seqs.get(room) ?? 0) + 1;
    seqs.set(room, s);
    return s;
  };

  return {
    publish(tenantId, changes, readAt) {
      if (readAt !== undefined && (oldestReadAt === null || readAt < oldestReadAt)) oldestReadAt = readAt;
      for (const id of changes.removedLocations ?? []) {
        for (const p of roomsOf(tenantId, id)) {
          p.removed.add(id);
          p.locations.delete(id);
          delete p.counts[id];
        }
        locations.delete(id);
        tenantOf.delete(id);
        counts.delete(id);
        heard.delete(id);
        floors.delete(id);
      }
      for (const l of changes.locations ?? [])
        touchLocation(tenantId, { capacity: null, ...locations.get(l.id), ...l });
      const t = changes.oldestTs ?? Infinity;
      const recordsReadAt = changes.readAt ?? Infinity;
      for (const [id, o] of Object.entries(changes.counts ?? {})) {
        counts.set(id, o);
        heard.set(id, now());
        for (const p of roomsOf(tenantId, id)) {
          p.counts[id] = o;
          stamp(p, t, recordsReadAt);
        }
      }
      for (const [floorId, d] of Object.entries(changes.floors ?? {})) {
        let view = floors.get(floorId);
        if (!view) floors.set(floorId, (view = new Map()));
        const room = floorRoom(tenantId, floorId);
        let p = pendingFloors.get(room);
        if (!p)
          pendingFloors.set(room, (p = { tenantId, floorId, moved: new Map(), removed: new Set(), ...UNSTAMPED }));
        stamp(p, t, recordsReadAt);
        for (const alias of d.removed) {
          view.delete(alias);
          p.moved.delete(alias);
          p.removed.add(alias);
        }
        for (const pt of d.moved) {
          view.set(pt[0], pt);
          p.removed.delete(pt[0]);
          p.moved.set(pt[0], pt);
        }
      }
    },
    updateLocation(locationId, patch) {
      const l = locations.get(locationId);
      const tenantId = tenantOf.get(locationId);
      if (!l || !tenantId) return false;
      touchLocation(tenantId, { ...l, ...patch });
      return true;
    },
    setIngest(tenantId, status) {
      ingest.set(tenantId, status);
      pendingFor(tenantId, null).ingest = status;
      const prefix = `loc:${tenantId}:`;
      for (const room of seqs.keys()) {
        if (!room.startsWith(prefix)) continue;
        const scope = room.slice(prefix.length);
        pendingFor(tenantId, scope === "*" ? null : scope).ingest = status;
      }
    },
    tenantOf: (id) => tenantOf.get(id),
    ancestors: (id) => ancestry(id),
    devicesOf: (floorId) => [...(floors.get(floorId)?.values() ?? [])],
    entry: (id) => {
      const location = locations.get(id);
      return location ? { location, count: counts.get(id) } : undefined;
    },
    ingestOf: (t) => ingest.get(t),
    locationSnapshot(tenantId, scope) {
      if (scope !== null && tenantOf.get(scope) !== tenantId) return null;
      const list = subtree(tenantId, scope);
      const room = locationRoom(tenantId, scope);
      if (!seqs.has(room)) seqs.set(room, 0);
      const t = now();
      return {
        scope,
        seq: seqs.get(room)!,
        locations: list,
        counts: Object.fromEntries(list.flatMap((l) => (counts.has(l.id) ? [[l.id, counts.get(l.id)!]] : []))),
        ages: Object.fromEntries(
          list.flatMap((l) => (heard.has(l.id) ? [[l.id, Math.max(0, t - heard.get(l.id)!)]] : [])),
        ),
        ingest: ingest.get(tenantId) ?? { state: "starting", detail: null },
      };
    },
    floorSnapshot(tenantId, floorId) {
      if (tenantOf.get(floorId) !== tenantId) return null;
      const room = floorRoom(tenantId, floorId);
      return { seq: seqs.get(room) ?? 0, floorId, devices: [...(floors.get(floorId)?.values() ?? [])] };
    },
    flush() {
      const rooms = pending;
      pending = new Map();
      for (const [room, p] of rooms) {
        if (!p.locations.size && !p.removed.size && !Object.keys(p.counts).length && !p.ingest) continue;
        const d: LocationDelta = {
          scope: p.scope,
          seq: nextSeq(room),
          locations: [...p.locations.values()],
          counts: p.counts,
        };
        if (p.removed.size) d.removed = [...p.removed];
        if (p.ingest) d.ingest = p.ingest;
        if (p.t !== Infinity) d.t = p.t;
        emit.location(room, d, p.readAt === Infinity ? undefined : p.readAt);
      }
      const fl = pendingFloors;
      pendingFloors = new Map();
      for (const [room, p] of fl) {
        if (!p.moved.size && !p.removed.size) continue;
        const d: FloorDeltaMessage = {
          seq: nextSeq(room),
          floorId: p.floorId,
          moved: [...p.moved.values()],
          removed: [...p.removed],
        };
        if (p.t !== Infinity) d.t = p.t;
        emit.floor(room, d, p.readAt === Infinity ? undefined : p.readAt);
      }
      emit.commit?.();
      if (oldestReadAt !== null && rooms.size + fl.size > 0) opts.observeLatency?.((now() - oldestReadAt) / 1000);
      oldestReadAt = null;
    },
  };
}

/** The hub as a HubView, for a process that runs both ingest and Socket.IO. */
export function localView(hub: Hub): HubView {
  return {
    locationSnapshot: async (t, scope) => hub.locationSnapshot(t, scope),
    floorSnapshot: async (t, floorId) => hub.floorSnapshot(t, floorId),
    lineage: async (id) => {
      const tenantId = hub.tenantOf(id);
      return tenantId ? { tenantId, ancestors: hub.ancestors(id) } : null;
    },
  };
}
