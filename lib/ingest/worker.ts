import { canonicalTimeZone } from "@/lib/time/zone";
import { startFirehoseStream, type FirehoseStream, type StreamStatus } from "@/lib/firehose/stream";
import type { Logger } from "@/lib/log";
import type { Bucket } from "@/lib/occupancy/rollup";
import type { TenantChange } from "@/lib/occupancy/types";
import { readingsOf, type AlertService } from "@/lib/alerts/service";
import type { Metrics } from "@/lib/metrics/metrics";
import type { Hub } from "@/lib/realtime/hub";
import { OWN_API_KEY_APP_ID } from "@/lib/activation/api-key";
import { ROLLUP_RETENTION_MS } from "@/lib/privacy/retention";
import { createSpacesClient } from "@/lib/spaces/client";
import { linkSpacesTenant, setActivationStatus, type ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import { POSITION_LOOKBACK_MS } from "@/lib/history/positions";
import { floorsToSample } from "./position-samples";
import { pruneHistory, readCheckpoint, writeIngestBatch, type PositionRow } from "@/lib/store/ingest-batch";
import { listZonePolygons, removeLocations, upsertLocations } from "@/lib/store/locations";
import type { IngestCounters } from "./counters";
import { createFloorMaps } from "./floor-maps";
import { createPipeline, parsePipelineState, RESUME_OVERLAP_MS, type DataGap, type Pipeline } from "./pipeline";

// stream → pipeline (decode, dedupe, engine) → every flushMs the changes go to the hub; every
// persistMs the minute rollups and the checkpoint (engine state included) go to the database in one
// transaction. One write at a time: while the database lags or fails, reading from Cisco pauses, so
// nothing is dropped and memory stays bounded.

const bucketKey = (b: Bucket) => `${b.locationId}|${b.series}|${b.bucket}`;

/** Device positions per floor are kept for time travel at most this often (event time). */
export const POSITION_SAMPLE_MS = 5_000;

/** Device positions are kept this long for time travel unless told otherwise (config POSITION_RETENTION_HOURS). */
export const POSITION_RETENTION_MS = 24 * 3_600_000;
/** A store write slower than this pauses reading from Cisco until it completes (bounded memory). */
export const WRITE_LAG_PAUSE_MS = 5_000;

/** On the very first start, replay this much history so the floor is not empty. */
export const FIRST_START_REPLAY_MS = 5 * 60_000;

export interface IngestOptions {
  activation: ActiveActivation;
  db: Db;
  hub: Hub;
  log: Logger;
  metrics?: Metrics;
  /** Capacity threshold crossings of the counts this stream produces. */
  alerts?: AlertService;
  /** Stream tuning (config FIREHOSE_IDLE_MS, FIREHOSE_UNAUTHORIZED_RETRY_MS). */
  idleMs?: number;
  unauthorizedRetryMs?: number;
  backoffMaxMs?: number;
  /** A key refused without a break for this long is taken as a deleted activation (config FIREHOSE_DEACTIVATE_AFTER_MS). */
  deactivateAfterMs?: number;
  /** Device positions older than this (event time) are deleted; default POSITION_RETENTION_MS. */
  positionRetentionMs?: number;
  flushMs?: number;
  persistMs?: number;
  /** Called right after each publish to the hub: server.ts flushes the hub then, so a change does not wait for a second timer. */
  afterPublish?: () => void;
  now?: () => number;
}

export interface IngestStatusReport {
  activationId: string;
  state: StreamStatus["state"] | "starting" | "stopped" | "paused" | "deactivated";
  lastReceivedAt: number | null;
  lastRecordTimestamp: number | null;
}

export interface Ingest {
  activationId: string;
  tenantId: string;
  pipeline: Pipeline;
  counters: IngestCounters;
  status(): IngestStatusReport;
  /** An admin drew (or cleared) a zone outline: devices inside it count for the zone from now on. */
  setZonePolygon(zoneId: string, polygon: Array<[number, number]> | null): boolean;
  /** Where the stream last placed a device ("You are here"); null when it is not on a map now. */
  locate(deviceId: string): ReturnType<Pipeline["engine"]["locate"]>;
  close(): Promise<void>;
}

export async function startIngest(o: IngestOptions): Promise<Ingest> {
  const log = o.log.child({ module: "ingest", activation: o.activation.id });
  const now = o.now ?? Date.now;
  const positionRetentionMs = o.positionRetentionMs ?? POSITION_RETENTION_MS;
  // Old positions go at least every hour of event time, and often enough that none outlives retention by more than a quarter of it.
  const pruneEveryMs = Math.min(3_600_000, positionRetentionMs / 4);
  // A keyframe well inside both retention and time travel's look-back, so every kept moment has a sample.
  const positionTiming = { everyMs: POSITION_SAMPLE_MS, keyframeMs: Math.min(POSITION_LOOKBACK_MS / 2, positionRetentionMs / 4) };
  const client = createSpacesClient(o.activation.baseUrl);
  const maps = createFloorMaps({
    client,
    apiKey: o.activation.apiKey,
    partnerTenantId: o.activation.partnerTenantId,
    tenantId: o.activation.tenantId,
    db: o.db,
    log,
    now,
    // Location Info fills the tree as a LOCATION_CHANGE of that location would, at the current event time.
    learn: (chain, mapId, timeZone) =>
      pipeline.engine.apply({
        uid: "",
        ts: pipeline.engine.clock,
        spacesTenantId: "",
        partnerTenantId: o.activation.partnerTenantId,
        type: "LOCATION_CHANGE",
        chain,
        change: "UPDATE",
        mapId,
        timeZone: canonicalTimeZone(timeZone),
        dimension: null,
      }),
  });
  const checkpoint = await readCheckpoint(o.db, o.activation.id);
  const restored = checkpoint ? parsePipelineState(checkpoint.state) : null;
  const pipeline = createPipeline({
    // A customer's own API key (the getting-started path) carries only their account: take every record.
    partnerTenantId: o.activation.appId === OWN_API_KEY_APP_ID ? null : o.activation.partnerTenantId,
    restore: restored ?? undefined,
    onGap: (g) =>
      log.warn(
        { from: new Date(g.from).toISOString(), to: new Date(g.to).toISOString() },
        "data gap: Cisco Spaces no longer had these records when the stream came back (outage longer than its replay window); charts show it as no data",
      ),
    onSkip: (reason, detail, first) =>
      first ? log.warn({ reason, detail }, "firehose line skipped (first of its kind; later ones are counted)") : log.debug({ reason, detail }, "firehose line skipped"),
    onLocationChange: (e) => maps.changed(e),
  });
  for (const [zoneId, polygon] of await listZonePolygons(o.db, o.activation.tenantId)) pipeline.engine.setZonePolygon(zoneId, polygon);
  // The live views start from the restored state: nothing is re-emitted by the engine for it.
  const known = pipeline.engine.locations();
  if (known.length) o.hub.publish(o.activation.tenantId, { locations: known, counts: Object.fromEntries(known.map((l) => [l.id, pipeline.engine.occupancy(l.id)])) });
  for (const l of known) maps.seen(l);
  // Fixed once, so the first request and the log agree on where the history starts.
  const firstFrom = now() - FIRST_START_REPLAY_MS;
  const resumeFrom = () => (pipeline.clock ? pipeline.clock - RESUME_OVERLAP_MS : firstFrom);
  let state: IngestStatusReport["state"] = "starting";
  let lastReceivedAt: number | null = null;

  // Buckets not yet stored, latest version of each: rewriting a bucket is idempotent.
  const unsaved = new Map<string, Bucket>();
  let unsavedGaps: DataGap[] = [];
  let writing: Promise<void> | null = null;
  let writeStartedAt = 0;
  let lastPrune = 0;
  let storeFailing = false;
  let resumeReading: (() => void) | null = null;
  let closing = false;
  let deactivated = false;
  let pendingLocations: ReturnType<Pipeline["drain"]>["locations"] = [];
  const movedFloors = new Set<string>();
  const lastPositionSample = new Map<string, number>();

  // Metrics are fed from the pipeline's counters once per flush: nothing extra per event.
  const reported = { applied: {} as Record<string, number>, skipped: {} as Record<string, number>, duplicates: 0 };
  const reportCounters = () => {
    const m = o.metrics;
    if (!m) return;
    const c = pipeline.counters;
    for (const [type, n] of Object.entries(c.applied)) if (n > (reported.applied[type] ?? 0)) m.eventApplied(type, n - (reported.applied[type] ?? 0));
    for (const [reason, n] of Object.entries(c.skipped)) if (n > (reported.skipped[reason] ?? 0)) m.lineSkipped(reason, n - (reported.skipped[reason] ?? 0));
    if (c.duplicates > reported.duplicates) m.duplicate(c.duplicates - reported.duplicates);
    reported.applied = { ...c.applied };
    reported.skipped = { ...c.skipped };
    reported.duplicates = c.duplicates;
  };
  let firstReadAt: number | undefined;

  /** The stream is quiet for this long: whatever waits in the reorder buffer is applied. */
  const QUIET_MS = 150;
  let lastLineAt = 0;

  const flush = () => {
    if (now() - lastLineAt >= QUIET_MS) pipeline.settle();
    const changes = pipeline.drain();
    o.hub.publish(o.activation.tenantId, changes, firstReadAt);
    o.afterPublish?.();
    firstReadAt = undefined;
    reportCounters();
    if (o.alerts) {
      const readings = readingsOf(changes.counts);
      if (readings.length) void o.alerts.observe(o.activation.tenantId, readings).catch((e: unknown) => log.warn({ err: (e as Error).message }, "alert evaluation failed"));
    }
    for (const floorId of Object.keys(changes.floors)) movedFloors.add(floorId);
    if (changes.removedLocations.length) {
      const ids = changes.removedLocations;
      pendingLocations = pendingLocations.filter((l) => !ids.includes(l.id));
      void removeLocations(o.db, ids).catch((e: unknown) => log.warn({ err: (e as Error).message }, "could not remove locations"));
    }
    for (const t of changes.tenants) onTenantChange(t);
    if (changes.locations.length) {
      for (const l of changes.locations) maps.seen(l);
      pendingLocations = pendingLocations.concat(changes.locations);
      void persist(); // new locations are stored at once: pages and admin writes look them up
    }
  };

  /** APP_ACTIVATION links the Cisco tenant; APP_DE_ACTIVATION of ours ends this stream (history stays). */
  const onTenantChange = (t: TenantChange) => {
    if (t.partnerTenantId !== o.activation.partnerTenantId) return;
    if (t.state === "activated") {
      if (t.spacesTenantId) void linkSpacesTenant(o.db, { partnerTenantId: t.partnerTenantId, spacesTenantId: t.spacesTenantId }).catch(() => {});
      return;
    }
    if (t.referenceId && t.referenceId !== o.activation.activationRefId) return; // an older activation of the tenant
    deactivate("The customer deactivated Floorpulse in Cisco Spaces; history is kept until retention ends.");
  };

  /** The activation is gone: its stream stops, the live views say so, and its history stays. */
  const deactivate = (detail: string) => {
    if (deactivated) return;
    deactivated = true;
    log.warn({ detail }, "activation deactivated: stopping its stream");
    void (async () => {
      await setActivationStatus(o.db, o.activation.id, "deactivated", detail).catch(() => {});
      await stop();
      state = "deactivated";
      o.hub.setIngest(o.activation.tenantId, { state: "deactivated", detail });
    })();
  };
  let refusedSince: number | null = null;

  const persist = (): Promise<void> => {
    if (writing) return writing; // one write at a time; what accumulates goes in the next one
    flush();
    const cp = pipeline.checkpoint();
    for (const b of cp.buckets) unsaved.set(bucketKey(b), b);
    unsavedGaps = unsavedGaps.concat(cp.gaps);
    const gaps = unsavedGaps;
    if (!cp.recordTimestamp && !pendingLocations.length) return Promise.resolve();
    const locations = pendingLocations;
    const buckets = [...unsaved.values()];
    const positions: PositionRow[] = [];
    if (cp.recordTimestamp) {
      for (const floorId of floorsToSample(movedFloors, lastPositionSample, cp.recordTimestamp, positionTiming))
        positions.push({ locationId: floorId, at: cp.recordTimestamp, points: JSON.stringify(pipeline.engine.devicesOn(floorId)) });
    }
    const started = now();
    writeStartedAt = started;
    writing = (async () => {
      try {
        // Locations first: rows that rollups and the checkpoint refer to must exist.
        await upsertLocations(o.db, o.activation.tenantId, locations);
        if (locations === pendingLocations) pendingLocations = [];
        else pendingLocations = pendingLocations.slice(locations.length);
        const timer = o.metrics?.startBatchWrite();
        if (cp.recordTimestamp) await writeIngestBatch(o.db, o.activation.id, buckets, cp.recordTimestamp, cp.state, positions, { tenantId: o.activation.tenantId, gaps });
        timer?.();
        unsavedGaps = unsavedGaps.filter((g) => !gaps.includes(g));
        for (const b of buckets) if (unsaved.get(bucketKey(b)) === b) unsaved.delete(bucketKey(b));
        if (cp.recordTimestamp - lastPrune > pruneEveryMs) {
          lastPrune = cp.recordTimestamp;
          await pruneHistory(o.db, cp.recordTimestamp - positionRetentionMs, cp.recordTimestamp - ROLLUP_RETENTION_MS);
        }
        if (storeFailing) log.info({ afterMs: now() - started }, "database writable again: ingest resumes");
        storeFailing = false;
        resumeReading?.();
        resumeReading = null;
      } catch (e) {
        if (!storeFailing) log.error({ err: (e as Error).message }, "database write failed: ingest paused until it succeeds");
        storeFailing = true;
      } finally {
        writing = null;
      }
    })();
    return writing;
  };

  const flushTimer = setInterval(flush, o.flushMs ?? 50);
  const persistTimer = setInterval(() => void persist(), o.persistMs ?? 2_000);

  const stream: FirehoseStream = startFirehoseStream({
    baseUrl: o.activation.baseUrl,
    apiKey: o.activation.apiKey,
    fromTimestamp: resumeFrom,
    idleMs: o.idleMs,
    unauthorizedRetryMs: o.unauthorizedRetryMs,
    backoffMaxMs: o.backoffMaxMs,
    onLine: (line) => {
      lastLineAt = now();
      pipeline.accept(line);
    },
    onChunk: () => {
      lastReceivedAt = now();
      firstReadAt ??= lastReceivedAt;
      if (closing) return;
      const lagging = writing !== null && now() - writeStartedAt > WRITE_LAG_PAUSE_MS;
      if (!storeFailing && !lagging) return;
      state = "paused";
      const detail = storeFailing ? "database unavailable: reading paused, nothing is lost" : "database is slow: reading paused until it catches up";
      o.hub.setIngest(o.activation.tenantId, { state: "paused", detail });
      const resumed = storeFailing ? new Promise<void>((resolve) => (resumeReading = resolve)) : writing!.then(() => undefined);
      return resumed.then(() => {
        state = "connected";
        o.hub.setIngest(o.activation.tenantId, { state: "connected", detail: null });
      });
    },
    onOversized: () => pipeline.reject("oversized", "line longer than 1 MiB"),
    onStatus: (s) => {
      const previous = state;
      state = s.state;
      const detail = "reason" in s ? `${s.reason}; retrying in ${Math.round(s.inMs / 1000)} s` : null;
      o.hub.setIngest(o.activation.tenantId, { state: s.state, detail });
      if (s.state === "retrying" || s.state === "unauthorized") o.metrics?.reconnect(s.state);
      if (s.state === "connected") {
        pipeline.resumed();
        log.info({ fromTimestamp: s.fromTimestamp }, "firehose connected");
      }
      if (s.state === "unauthorized") {
        refusedSince ??= now();
        if (previous !== "unauthorized") void setActivationStatus(o.db, o.activation.id, "unhealthy", `Cisco Spaces refused the API key (${s.reason})`).catch(() => {});
        if (now() - refusedSince >= (o.deactivateAfterMs ?? 24 * 3_600_000)) {
          deactivate(`Cisco Spaces has refused the API key since ${new Date(refusedSince).toISOString()}: the activation was removed. History is kept until retention ends.`);
        }
      } else if (s.state === "connected") refusedSince = null;
      if (s.state === "connected" && previous === "unauthorized") void setActivationStatus(o.db, o.activation.id, "active", null).catch(() => {});
    },
    log,
  });

  let stopped: Promise<void> | null = null;
  /** Closes the stream, then writes what is pending: the checkpoint covers everything applied. */
  function stop() {
    stopped ??= (async () => {
      closing = true;
      resumeReading?.();
      await stream.close();
      clearInterval(flushTimer);
      clearInterval(persistTimer);
      maps.close();
      await maps.idle(); // a request in flight finishes before the database may close
      await writing;
      await persist();
      log.info({ counters: pipeline.counters }, "ingest stopped");
    })();
    return stopped;
  }

  log.info({ resumeFrom: new Date(resumeFrom()).toISOString(), checkpoint: Boolean(restored) }, "ingest started");

  return {
    activationId: o.activation.id,
    tenantId: o.activation.tenantId,
    pipeline,
    counters: pipeline.counters,
    status: () => ({ activationId: o.activation.id, state, lastReceivedAt, lastRecordTimestamp: pipeline.clock || null }),
    setZonePolygon: (zoneId, polygon) => pipeline.engine.setZonePolygon(zoneId, polygon),
    locate: (deviceId) => pipeline.engine.locate(deviceId),
    async close() {
      await stop();
      if (!deactivated) {
        state = "stopped";
        o.hub.setIngest(o.activation.tenantId, { state: "stopped", detail: null });
      }
    },
  };
}
