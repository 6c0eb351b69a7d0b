import type { DecodeResult } from "@/lib/firehose/decode";
import type { StreamStatus } from "@/lib/firehose/stream";
import type { Logger } from "@/lib/log";
import type { TenantChange } from "@/lib/occupancy/types";
import { readingsOf, type AlertService } from "@/lib/alerts/service";
import type { Metrics } from "@/lib/metrics/metrics";
import type { Hub } from "@/lib/realtime/hub";
import { createSpacesClient } from "@/lib/spaces/client";
import type { ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import { readCheckpoint } from "@/lib/store/ingest-batch";
import { listZonePolygons } from "@/lib/store/locations";
import { createActivationHealth } from "./activation-health";
import type { IngestCounters } from "./counters";
import { canonicalTimeZone } from "@/lib/time/zone";
import { createFloorMaps } from "./floor-maps";
import { createPersister } from "./persist";
import { createPipeline, parsePipelineState, RESUME_OVERLAP_MS, type Pipeline } from "./pipeline";

// One activated tenant on a stream: its own pipeline (dedupe, engine, rollups), checkpoint, live views
// and activation health. The stream it rides on (lib/ingest/key-stream.ts) may carry other tenants:
// it hands this one only its own records. Every flushMs the changes go to the hub; the persister
// writes rollups and the checkpoint.

/** Device positions are kept this long for time travel unless told otherwise (config POSITION_RETENTION_HOURS). */
export const POSITION_RETENTION_MS = 24 * 3_600_000;
/** A store write slower than this pauses reading from Cisco until it completes (bounded memory). */
export const WRITE_LAG_PAUSE_MS = 5_000;
/** On the very first start, replay this much history so the floor is not empty. */
export const FIRST_START_REPLAY_MS = 5 * 60_000;
/** The stream is quiet for this long: whatever waits in the reorder buffer is applied. */
const QUIET_MS = 150;

export interface TenantIngestOptions {
  activation: ActiveActivation;
  db: Db;
  hub: Hub;
  log: Logger;
  metrics?: Metrics;
  alerts?: AlertService;
  positionRetentionMs?: number;
  flushMs?: number;
  persistMs?: number;
  afterPublish?: () => void;
  /** Called once the customer removed the app (APP_DE_ACTIVATION): the stream stops routing to it. */
  onDeactivated?: () => void;
  now?: () => number;
}

export interface IngestStatusReport {
  activationId: string;
  state: StreamStatus["state"] | "starting" | "stopped" | "paused" | "deactivated";
  lastReceivedAt: number | null;
  lastRecordTimestamp: number | null;
}

export interface TenantIngest {
  activationId: string;
  tenantId: string;
  activation: ActiveActivation;
  pipeline: Pipeline;
  counters: IngestCounters;
  /** `readAt`: when the line was read off the stream (readClock), for the server-side latency. */
  accept(r: DecodeResult, readAt?: number): void;
  /** A chunk arrived: the returned promise, if any, pauses reading until this tenant's store catches up. */
  chunk(): Promise<void> | undefined;
  streamStatus(s: StreamStatus): void;
  /** Where a stream should resume for this tenant (its checkpoint, less the overlap). */
  resumeFrom(): number;
  readonly deactivated: boolean;
  deactivate(detail: string): void;
  /** The key has been refused for long: /setup and the dashboards say what to check (still retrying). */
  needsAttention(detail: string): void;
  status(): IngestStatusReport;
  setZonePolygon(zoneId: string, polygon: Array<[number, number]> | null): boolean;
  locate(deviceId: string): ReturnType<Pipeline["engine"]["locate"]>;
  close(): Promise<void>;
}

export async function startTenantIngest(o: TenantIngestOptions): Promise<TenantIngest> {
  const a = o.activation;
  const log = o.log.child({ module: "ingest", activation: a.id });
  const now = o.now ?? Date.now;
  const health = createActivationHealth(o.db, a.id, log);
  // The partnerTenantId is read at each call: an own key learns its account's id from the stream.
  const maps = createFloorMaps({
    client: createSpacesClient(a.baseUrl),
    apiKey: a.apiKey,
    partnerTenantId: () => a.partnerTenantId,
    tenantId: a.tenantId,
    db: o.db,
    log,
    now,
    // Location Info fills the tree as a LOCATION_CHANGE of that location would, at the current event time.
    learn: (chain, mapId, timeZone) =>
      pipeline.engine.apply({
        uid: "",
        ts: pipeline.engine.clock,
        spacesTenantId: "",
        partnerTenantId: a.partnerTenantId,
        type: "LOCATION_CHANGE",
        chain,
        change: "UPDATE",
        mapId,
        timeZone: canonicalTimeZone(timeZone),
        dimension: null,
      }),
  });
  const checkpoint = await readCheckpoint(o.db, a.id);
  const restored = checkpoint ? parsePipelineState(checkpoint.state) : null;
  const pipeline = createPipeline({
    partnerTenantId: null, // the stream routes only this tenant's records here
    restore: restored ?? undefined,
    onGap: (g) =>
      log.warn(
        { from: new Date(g.from).toISOString(), to: new Date(g.to).toISOString() },
        "data gap: Cisco Spaces no longer had these records when the stream came back (outage longer than its replay window); charts show it as no data",
      ),
    onSkip: (reason, detail, first) =>
      first
        ? log.warn({ reason, detail }, "firehose line skipped (first of its kind; later ones are counted)")
        : log.debug({ reason, detail }, "firehose line skipped"),
    onLocationChange: (e) => maps.changed(e),
  });
  for (const [zoneId, polygon] of await listZonePolygons(o.db, a.tenantId))
    pipeline.engine.setZonePolygon(zoneId, polygon);
  // The live views start from the restored state: nothing is re-emitted by the engine for it.
  const known = pipeline.engine.locations();
  if (known.length)
    o.hub.publish(a.tenantId, {
      locations: known,
      counts: Object.fromEntries(known.map((l) => [l.id, pipeline.engine.occupancy(l.id)])),
    });
  for (const l of known) maps.seen(l);
  const firstFrom = now() - FIRST_START_REPLAY_MS;
  const persister = createPersister({
    db: o.db,
    activationId: a.id,
    tenantId: a.tenantId,
    pipeline,
    log,
    metrics: o.metrics,
    positionRetentionMs: o.positionRetentionMs ?? POSITION_RETENTION_MS,
    now,
  });

  let state: IngestStatusReport["state"] = "starting";
  let lastReceivedAt: number | null = null;
  let firstReadAt: number | undefined;
  let lastLineAt = 0;
  let deactivated = false;
  let attention = false;
  let refused = false;

  // Metrics are fed from the pipeline's counters once per flush: nothing extra per event.
  const reported = { applied: {} as Record<string, number>, skipped: {} as Record<string, number>, duplicates: 0 };
  const reportCounters = () => {
    const m = o.metrics;
    if (!m) return;
    const c = pipeline.counters;
    for (const [type, n] of Object.entries(c.applied))
      if (n > (reported.applied[type] ?? 0)) m.eventApplied(type, n - (reported.applied[type] ?? 0));
    for (const [reason, n] of Object.entries(c.skipped))
      if (n > (reported.skipped[reason] ?? 0)) m.lineSkipped(reason, n - (reported.skipped[reason] ?? 0));
    if (c.duplicates > reported.duplicates) m.duplicate(c.duplicates - reported.duplicates);
    reported.applied = { ...c.applied };
    reported.skipped = { ...c.skipped };
    reported.duplicates = c.duplicates;
  };

  /** Publishes what the engine changed: the hub, alerts, and the locations the persister must store. */
  const flush = () => {
    if (now() - lastLineAt >= QUIET_MS) pipeline.settle();
    const changes = pipeline.drain();
    o.hub.publish(a.tenantId, changes, firstReadAt);
    o.afterPublish?.();
    firstReadAt = undefined;
    reportCounters();
    if (o.alerts) {
      const readings = readingsOf(changes.counts);
      if (readings.length)
        void o.alerts
          .observe(a.tenantId, readings)
          .catch((e: unknown) => log.warn({ err: (e as Error).message }, "alert evaluation failed"));
    }
    for (const floorId of Object.keys(changes.floors)) persister.floorMoved(floorId);
    if (changes.removedLocations.length) persister.removeLocations(changes.removedLocations);
    for (const t of changes.tenants) onTenantChange(t);
    if (changes.locations.length) {
      for (const l of changes.locations) maps.seen(l);
      persister.addLocations(changes.locations);
      void persister.persist(); // new locations are stored at once: pages and admin writes look them up
    }
  };
  persister.beforeWrite = flush;

  /** APP_ACTIVATION links the Cisco tenant; APP_DE_ACTIVATION of ours ends this tenant's ingest (history stays). */
  const onTenantChange = (t: TenantChange) => {
    if (t.partnerTenantId !== a.partnerTenantId) return;
    if (t.state === "activated") {
      if (t.spacesTenantId) health.linkSpacesTenant(t.partnerTenantId, t.spacesTenantId);
      return;
    }
    if (t.referenceId && a.kind !== "oauth" && t.referenceId !== a.activationRefId) return; // an older activation of the tenant
    deactivate("The customer deactivated Floorpulse in Cisco Spaces; history is kept until retention ends.");
  };

  const flushTimer = setInterval(flush, o.flushMs ?? 50);
  const persistTimer = setInterval(() => void persister.persist(), o.persistMs ?? 2_000);

  let stopped: Promise<void> | null = null;
  /** Stops the timers, then writes what is pending: the checkpoint covers everything applied. */
  const stop = () =>
    (stopped ??= (async () => {
      clearInterval(flushTimer);
      clearInterval(persistTimer);
      maps.close();
      await maps.idle(); // a request in flight finishes before the database may close
      await persister.writing;
      await persister.persist({ final: true });
      log.info({ counters: pipeline.counters }, "ingest stopped");
    })());

  /** The activation is gone: this tenant's ingest stops, the live views say so, and its history stays. */
  const deactivate = (detail: string) => {
    if (deactivated) return;
    deactivated = true;
    log.warn({ detail }, "activation deactivated: stopping its stream");
    void (async () => {
      await health.deactivated(detail);
      await stop();
      state = "deactivated";
      o.hub.setIngest(a.tenantId, { state: "deactivated", detail });
      o.onDeactivated?.();
    })();
  };

  log.info(
    { resumeFrom: new Date(checkpointFrom() ?? firstFrom).toISOString(), checkpoint: Boolean(restored) },
    "ingest started",
  );
  function checkpointFrom() {
    return pipeline.clock ? pipeline.clock - RESUME_OVERLAP_MS : null;
  }

  return {
    activationId: a.id,
    tenantId: a.tenantId,
    activation: a,
    pipeline,
    counters: pipeline.counters,
    accept(r, readAt) {
      lastLineAt = now();
      pipeline.acceptDecoded(r, readAt);
    },
    chunk() {
      lastReceivedAt = now();
      firstReadAt ??= lastReceivedAt;
      if (stopped) return undefined;
      const lagging = persister.writing !== null && now() - persister.writeStartedAt > WRITE_LAG_PAUSE_MS;
      if (!persister.failing && !lagging) return undefined;
      state = "paused";
      const detail = persister.failing
        ? "database unavailable: reading paused, nothing is lost"
        : "database is slow: reading paused until it catches up";
      o.hub.setIngest(a.tenantId, { state: "paused", detail });
      const resumed = persister.failing ? persister.writable() : persister.writing!.then(() => undefined);
      return resumed.then(() => {
        state = "connected";
        o.hub.setIngest(a.tenantId, { state: "connected", detail: null });
      });
    },
    streamStatus(s) {
      if (deactivated) return;
      state = s.state;
      const detail = "reason" in s ? `${s.reason}; retrying in ${Math.round(s.inMs / 1000)} s` : null;
      if (!attention || s.state === "connected") o.hub.setIngest(a.tenantId, { state: s.state, detail });
      attention &&= s.state === "unauthorized";
      if (s.state === "connected") pipeline.resumed();
      if (s.state === "unauthorized" && !refused) health.refused(s.reason);
      // Each retry passes through "connecting": remember the refusal until a connection succeeds.
      if (s.state === "unauthorized") refused = true;
      if (s.state === "connected" && refused) health.accepted();
      if (s.state === "connected") refused = false;
    },
    resumeFrom: () => checkpointFrom() ?? firstFrom,
    get deactivated() {
      return deactivated;
    },
    deactivate,
    needsAttention(detail) {
      if (deactivated) return;
      attention = true;
      health.needsAttention(detail);
      o.hub.setIngest(a.tenantId, { state: "unauthorized", detail });
    },
    status: () => ({ activationId: a.id, state, lastReceivedAt, lastRecordTimestamp: pipeline.clock || null }),
    setZonePolygon: (zoneId, polygon) => pipeline.engine.setZonePolygon(zoneId, polygon),
    locate: (deviceId) => pipeline.engine.locate(deviceId),
    async close() {
      await stop();
      if (!deactivated) {
        state = "stopped";
        o.hub.setIngest(a.tenantId, { state: "stopped", detail: null });
      }
    },
  };
}
