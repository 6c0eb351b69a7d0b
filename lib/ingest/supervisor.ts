import { createHash } from "node:crypto";
import type { Logger } from "@/lib/log";
import type { AlertService } from "@/lib/alerts/service";
import type { Metrics } from "@/lib/metrics/metrics";
import type { Hub } from "@/lib/realtime/hub";
import type { ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import { isPendingPartnerTenant } from "@/lib/activation/api-key";
import { findDeactivatedTenants, renameTenantPartnerId } from "@/lib/store/activations";
import { startKeyStream, type KeyStream } from "./key-stream";
import { holdAdvisoryLock, type Leadership } from "./leader";
import { startTenantIngest, type TenantIngest } from "./tenant-ingest";

// Which activations this process streams: one Firehose consumer per API key (a multi-tenant app's
// partner key carries all its OAuth customers; a token activation's key, its one customer), each
// tenant routed to its own ingest. Activations made or removed anywhere are picked up by a poll (and at
// once when this node made them). With PostgreSQL one worker holds each key's stream (an advisory
// lock); the others stand by and take over when it dies.

export interface SupervisorOptions {
  db: Db;
  hub: Hub;
  log: Logger;
  metrics?: Metrics;
  alerts?: AlertService;
  /** The activations to stream now (lib/activation/resolve.ts decides which). */
  list(): Promise<ActiveActivation[]>;
  /** postgres:// URL: leader locks per key; null (SQLite): this process is the only worker. */
  lockDatabaseUrl: string | null;
  pollMs: number;
  stream: { idleMs: number; unauthorizedRetryMs: number; backoffMaxMs: number; attentionAfterMs: number };
  positionRetentionMs: number;
  flushMs: number;
  afterPublish?: () => void;
  /** A tenant's ingest started here (a mirror seeds the web nodes with it). */
  onTenantStarted?: (tenantId: string) => Promise<void> | void;
  /** Something this process cannot recover from (the lock was lost): the caller shuts down. */
  onFatal(reason: string): void;
}

export interface Supervisor {
  /** Looks at the activations now; resolves once every key this process may stream is running. */
  sync(): Promise<void>;
  ingests(): TenantIngest[];
  close(): Promise<void>;
}

interface Group {
  key: string;
  baseUrl: string;
  apiKey: string;
  lead: Leadership | null;
  stream: KeyStream | null;
  /** The activation ids that should be on this key (updated by every sync). */
  wanted: Map<string, ActiveActivation>;
  ready: Promise<void>;
  /** Starts and stops in order, one at a time. */
  chain: Promise<void>;
}

const groupKey = (a: ActiveActivation) => `${a.baseUrl}|${a.apiKey}`;
const lockName = (key: string) => `ingest:key:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;

export function createSupervisor(o: SupervisorOptions): Supervisor {
  const log = o.log.child({ module: "supervisor" });
  const groups = new Map<string, Group>();
  const ingests = new Map<string, TenantIngest>(); // by activation id
  let closing = false;
  const shownDeactivated = new Set<string>();
  let syncing: Promise<void> = Promise.resolve();

  const startTenant = async (g: Group, a: ActiveActivation) => {
    const ingest = await startTenantIngest({
      activation: a,
      db: o.db,
      hub: o.hub,
      log: o.log,
      metrics: o.metrics,
      alerts: o.alerts,
      positionRetentionMs: o.positionRetentionMs,
      flushMs: o.flushMs,
      afterPublish: o.afterPublish,
      onDeactivated: () => {
        g.stream?.remove(a.id);
        ingests.delete(a.id);
        g.wanted.delete(a.id);
      },
    });
    ingests.set(a.id, ingest);
    await o.onTenantStarted?.(a.tenantId);
    return ingest;
  };

  const stopTenant = async (g: Group, id: string) => {
    const ingest = ingests.get(id);
    g.stream?.remove(id);
    ingests.delete(id);
    await ingest?.close();
  };

  /** Brings a running group's tenants in line with what is wanted. */
  const reconcile = (g: Group) =>
    (g.chain = g.chain
      .then(async () => {
        if (closing || !g.stream) return;
        for (const t of g.stream.tenants()) if (!g.wanted.has(t.activationId)) await stopTenant(g, t.activationId);
        for (const a of g.wanted.values()) {
          if (ingests.has(a.id)) continue;
          g.stream.add(await startTenant(g, a));
          log.info({ activationId: a.id, partnerTenantId: a.partnerTenantId }, "tenant added to its key's stream");
        }
      })
      .catch((e: unknown) =>
        log.error(
          { err: (e as Error).message, key: lockName(g.key) },
          "could not start or stop a tenant's ingest; the next poll tries again",
        ),
      ));

  const startGroup = (g: Group) => {
    g.ready = (async () => {
      if (o.lockDatabaseUrl) {
        g.lead = holdAdvisoryLock(o.lockDatabaseUrl, lockName(g.key), log);
        try {
          await g.lead.acquired;
        } catch {
          return; // shutting down before this worker became active
        }
        void g.lead.lost.then(() => o.onFatal("lost the ingest lock"));
      }
      if (closing) return;
      const first = [...g.wanted.values()];
      const own = first.length === 1 && isPendingPartnerTenant(first[0]!.partnerTenantId) ? first[0]! : null;
      const tenants: TenantIngest[] = [];
      for (const a of first) tenants.push(await startTenant(g, a));
      g.stream = startKeyStream({
        baseUrl: g.baseUrl,
        apiKey: g.apiKey,
        initial: tenants,
        log: o.log,
        metrics: o.metrics,
        idleMs: o.stream.idleMs,
        unauthorizedRetryMs: o.stream.unauthorizedRetryMs,
        backoffMaxMs: o.stream.backoffMaxMs,
        attentionAfterMs: o.stream.attentionAfterMs,
        adopt: own
          ? (partnerTenantId, spacesTenantId) =>
              void renameTenantPartnerId(o.db, {
                tenantId: own.tenantId,
                partnerTenantId,
                spacesTenantId: spacesTenantId || null,
              }).catch((e: unknown) =>
                log.error(
                  { err: (e as Error).message, partnerTenantId },
                  "could not store the partnerTenantId learnt from the stream",
                ),
              )
          : undefined,
      });
      await reconcile(g);
    })().catch((e: unknown) => {
      log.error({ err: (e as Error).message }, "ingest failed to start");
      o.onFatal("ingest failed to start");
    });
  };

  const sync = () =>
    (syncing = syncing.then(async () => {
      if (closing) return;
      let active: ActiveActivation[];
      try {
        active = await o.list();
      } catch (e) {
        log.error({ err: (e as Error).message }, "could not read the activations; the next poll tries again");
        return;
      }
      const wanted = new Map<string, Map<string, ActiveActivation>>();
      for (const a of active) {
        const k = groupKey(a);
        if (!wanted.has(k)) wanted.set(k, new Map());
        wanted.get(k)!.set(a.id, a);
      }
      for (const [k, members] of wanted) {
        let g = groups.get(k);
        if (!g) {
          const [first] = members.values();
          g = {
            key: k,
            baseUrl: first!.baseUrl,
            apiKey: first!.apiKey,
            lead: null,
            stream: null,
            wanted: members,
            ready: Promise.resolve(),
            chain: Promise.resolve(),
          };
          groups.set(k, g);
          startGroup(g);
        } else {
          g.wanted = members;
          void reconcile(g);
        }
      }
      // A customer who removed the app stays "deactivated" on their dashboards, across restarts too.
      try {
        const deactivated = await findDeactivatedTenants(o.db);
        const ids = new Set(deactivated.map((d) => d.tenantId));
        for (const id of shownDeactivated) if (!ids.has(id)) shownDeactivated.delete(id); // activated again
        for (const d of deactivated) {
          if (shownDeactivated.has(d.tenantId) || [...ingests.values()].some((i) => i.tenantId === d.tenantId))
            continue;
          shownDeactivated.add(d.tenantId);
          o.hub.setIngest(d.tenantId, { state: "deactivated", detail: d.message });
        }
      } catch (e) {
        log.warn(
          { err: (e as Error).message },
          "could not read the deactivated activations; the next poll tries again",
        );
      }
      // A key with no activation left: its stream ends (the deactivated tenants' history stays).
      for (const [k, g] of groups) {
        if (wanted.has(k)) continue;
        g.wanted = new Map();
        groups.delete(k);
        await stopGroup(g);
      }
    }));

  const stopGroup = async (g: Group) => {
    await reconcile(g);
    await g.stream?.close();
    await g.lead?.release();
  };

  const poll = setInterval(() => void sync(), o.pollMs);
  poll.unref();

  return {
    async sync() {
      await sync();
      // Without leader locks every key starts here: wait for them (a standby does not wait).
      if (!o.lockDatabaseUrl) await Promise.all([...groups.values()].map((g) => g.ready));
    },
    ingests: () => [...ingests.values()],
    async close() {
      closing = true;
      clearInterval(poll);
      await syncing;
      for (const g of groups.values()) {
        await g.stream?.close(); // the stream first: nothing arrives while the tenants write their last checkpoint
        await g.chain;
        await Promise.all(g.stream?.tenants().map((t) => t.close()) ?? []);
        await g.lead?.release();
      }
      await Promise.all([...ingests.values()].map((i) => i.close()));
    },
  };
}
