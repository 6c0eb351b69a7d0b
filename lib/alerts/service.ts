import type { Logger } from "@/lib/log";
import type { Occupancy } from "@/lib/occupancy/types";
import type { Db } from "@/lib/store/db";
import { evaluate, type AlertEvent, type AlertLevel } from "./evaluate";
import type { Thresholds } from "./level";
import {
  listAlerts,
  listLocationThresholds,
  markDelivery,
  openAlertLevels,
  recordAlertEvent,
  type AlertRow,
} from "@/lib/store/alerts";
import { deliverWebhook, type DeliveryDeps, type WebhookTarget } from "./webhook";

// Turns live counts into Alert rows and webhook calls. Meant to be called from the ingest flush with
// the counts that changed; thresholds are read from the database at most every few seconds, so an
// admin's new capacity applies within that time whichever process saved it.

export interface AlertServiceOptions {
  db: Db;
  log: Logger;
  webhook?: WebhookTarget | null;
  delivery?: DeliveryDeps;
  now?: () => number;
  /** How long thresholds read from the database are trusted. */
  thresholdsTtlMs?: number;
  /** Each alert raised or cleared, for the notification channels (lib/alerts/notifications). */
  onAlert?: (row: AlertRow, t: { name: string; capacity: number | null } | undefined) => void;
}

export interface CountReading {
  locationId: string;
  count: number;
  at: number;
}

/** The counts of an engine change set worth evaluating: those with a source and a time. */
export function readingsOf(counts: Record<string, Occupancy>): CountReading[] {
  return Object.entries(counts).flatMap(([locationId, o]) =>
    o.source === null || o.at === null ? [] : [{ locationId, count: o.count, at: o.at }],
  );
}

export interface AlertService {
  /** Evaluates new counts for one tenant; resolves once alert rows are written (webhooks go on in the background). */
  observe(tenantId: string, readings: CountReading[]): Promise<AlertEvent[]>;
  close(): Promise<void>;
}

export interface WebhookBody {
  type: "alert.raised" | "alert.cleared";
  alert: {
    id: string;
    locationId: string;
    locationName: string | null;
    level: "busy" | "full";
    count: number;
    capacity: number | null;
    targetCapacity: number | null;
    at: string;
    clearedAt: string | null;
  };
}

export function createAlertService(o: AlertServiceOptions): AlertService {
  const log = o.log.child({ module: "alerts" });
  const now = o.now ?? Date.now;
  const ttl = o.thresholdsTtlMs ?? 5_000;
  const levels = new Map<string, Map<string, AlertLevel>>();
  const thresholds = new Map<string, { at: number; byId: Map<string, Thresholds & { name: string }> }>();
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();

  const thresholdsOf = async (tenantId: string) => {
    const hit = thresholds.get(tenantId);
    if (hit && now() - hit.at < ttl) return hit.byId;
    const rows = await listLocationThresholds(o.db, tenantId);
    const byId = new Map(
      rows.map((r) => [r.id, { name: r.name, capacity: r.capacity, targetCapacity: r.targetCapacity }]),
    );
    thresholds.set(tenantId, { at: now(), byId });
    return byId;
  };

  const levelsOf = async (tenantId: string) => {
    let l = levels.get(tenantId);
    if (!l) levels.set(tenantId, (l = await openAlertLevels(o.db, tenantId)));
    return l;
  };

  const send = (row: AlertRow, t: (Thresholds & { name: string }) | undefined) => {
    const target = o.webhook;
    if (!target) return;
    const body: WebhookBody = {
      type: row.clearedAt === null ? "alert.raised" : "alert.cleared",
      alert: {
        id: row.id,
        locationId: row.locationId,
        locationName: t?.name ?? null,
        level: row.level,
        count: row.count,
        capacity: t?.capacity ?? null,
        targetCapacity: t?.targetCapacity ?? null,
        at: new Date(row.at).toISOString(),
        clearedAt: row.clearedAt === null ? null : new Date(row.clearedAt).toISOString(),
      },
    };
    const p = (async () => {
      const r = await deliverWebhook(target, JSON.stringify(body), { ...o.delivery, signal: abort.signal });
      await markDelivery(o.db, row.id, r.attempts, r.delivered ? now() : null);
      if (r.delivered) log.info({ alert: row.id, attempts: r.attempts }, "alert webhook delivered");
      else log.warn({ alert: row.id, attempts: r.attempts, err: r.lastError }, "alert webhook not delivered");
    })().catch((e: Error) => log.error({ alert: row.id, err: e.message }, "alert webhook bookkeeping failed"));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const run = async (tenantId: string, readings: CountReading[]): Promise<AlertEvent[]> => {
    const byId = await thresholdsOf(tenantId);
    const current = await levelsOf(tenantId);
    const known = readings.flatMap((r) => {
      const t = byId.get(r.locationId);
      return t ? [{ ...r, capacity: t.capacity, targetCapacity: t.targetCapacity }] : [];
    });
    const { levels: next, events } = evaluate(current, known);
    for (const e of events) {
      const row = await recordAlertEvent(o.db, tenantId, e);
      if (row) send(row, byId.get(e.locationId));
      if (row) o.onAlert?.(row, byId.get(e.locationId));
      if (e.kind === "raised")
        log.info({ location: e.locationId, level: e.level, count: e.count }, "capacity alert raised");
    }
    levels.set(tenantId, next);
    return events;
  };

  return {
    observe(tenantId, readings) {
      // One evaluation at a time: two overlapping flushes must not both raise the same alert.
      const p = queue.then(() => run(tenantId, readings));
      queue = p.catch(() => {});
      return p;
    },
    async close() {
      abort.abort();
      await queue;
      await Promise.allSettled([...inFlight]);
    },
  };
}

export { listAlerts };
