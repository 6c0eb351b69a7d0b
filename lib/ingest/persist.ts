import type { Logger } from "@/lib/log";
import type { Metrics } from "@/lib/metrics/metrics";
import type { Bucket } from "@/lib/occupancy/rollup";
import { ROLLUP_RETENTION_MS } from "@/lib/privacy/retention";
import type { Db } from "@/lib/store/db";
import { pruneHistory, writeIngestBatch, type PositionRow } from "@/lib/store/ingest-batch";
import { removeLocations, upsertLocations } from "@/lib/store/locations";
import { POSITION_LOOKBACK_MS } from "@/lib/history/positions";
import type { DataGap, Pipeline } from "./pipeline";
import { floorsToSample } from "./position-samples";

// One tenant's writes: every persistMs the minute rollups, with new locations first and sampled device
// positions, go to the database in one transaction, and with them the checkpoint (engine state
// included) whenever it is due (see persist). One write at a time; while the database fails, the
// caller pauses reading (nothing is dropped).

/** At most this share of the time goes to storing the engine state (see persist). */
export const STATE_COST_SHARE = 0.1;

/** Device positions per floor are kept for time travel at most this often (event time). */
export const POSITION_SAMPLE_MS = 5_000;

const bucketKey = (b: Bucket) => `${b.locationId}|${b.series}|${b.bucket}`;

export interface PersisterOptions {
  db: Db;
  activationId: string;
  tenantId: string;
  pipeline: Pipeline;
  log: Logger;
  metrics?: Metrics;
  positionRetentionMs: number;
  now: () => number;
}

type NewLocations = ReturnType<Pipeline["drain"]>["locations"];

export interface Persister {
  /**
   * Writes what is pending (one write at a time: a call during a write returns that write). `final`:
   * the state to resume from goes with it whatever its cost (shutdown).
   */
  persist(o?: { final?: boolean }): Promise<void>;
  addLocations(locations: NewLocations): void;
  removeLocations(ids: string[]): void;
  floorMoved(floorId: string): void;
  /** The last write failed: reading should pause until one succeeds. */
  readonly failing: boolean;
  /** The write in progress and when it started, or null. */
  readonly writing: Promise<void> | null;
  readonly writeStartedAt: number;
  /** Resolves after the next successful write. */
  writable(): Promise<void>;
  /** Called before each write so the changes it stores have been published. */
  beforeWrite?: () => void;
}

export function createPersister(o: PersisterOptions): Persister {
  const { db, pipeline, log, now } = o;
  // Old positions go at least every hour of event time, and often enough that none outlives retention by more than a quarter of it.
  const pruneEveryMs = Math.min(3_600_000, o.positionRetentionMs / 4);
  // A keyframe well inside both retention and time travel's look-back, so every kept moment has a sample.
  const positionTiming = {
    everyMs: POSITION_SAMPLE_MS,
    keyframeMs: Math.min(POSITION_LOOKBACK_MS / 2, o.positionRetentionMs / 4),
  };
  // Buckets not yet stored, latest version of each: rewriting a bucket is idempotent.
  const unsaved = new Map<string, Bucket>();
  let unsavedGaps: DataGap[] = [];
  let writing: Promise<void> | null = null;
  let writeStartedAt = 0;
  let lastPrune = 0;
  let stateWrittenAt = -Infinity;
  let stateCostMs = 0;
  let failing = false;
  let waiters: Array<() => void> = [];
  let pendingLocations: NewLocations = [];
  const movedFloors = new Set<string>();
  const lastPositionSample = new Map<string, number>();

  const p: Persister = {
    get failing() {
      return failing;
    },
    get writing() {
      return writing;
    },
    get writeStartedAt() {
      return writeStartedAt;
    },
    addLocations(locations) {
      pendingLocations = pendingLocations.concat(locations);
    },
    removeLocations(ids) {
      pendingLocations = pendingLocations.filter((l) => !ids.includes(l.id));
      void removeLocations(db, ids).catch((e: unknown) =>
        log.warn({ err: (e as Error).message }, "could not remove locations"),
      );
    },
    floorMoved(floorId) {
      movedFloors.add(floorId);
    },
    writable() {
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    persist({ final = false } = {}) {
      if (writing) return writing;
      p.beforeWrite?.();
      if (writing) return writing; // publishing new locations may have started a write already
      // The engine state costs ~0.2 s per MB to store (Prisma's query compiler sees every byte): a large
      // campus stores it at most every STATE_COST_SHARE⁻¹ × its last cost, the rollups still every write.
      const withState = final || now() - stateWrittenAt >= stateCostMs / STATE_COST_SHARE;
      const cp = withState ? pipeline.checkpoint() : { ...pipeline.progress(), state: null };
      for (const b of cp.buckets) unsaved.set(bucketKey(b), b);
      unsavedGaps = unsavedGaps.concat(cp.gaps);
      const gaps = unsavedGaps;
      if (!cp.recordTimestamp && !pendingLocations.length) return Promise.resolve();
      const locations = pendingLocations;
      const buckets = [...unsaved.values()];
      const positions: PositionRow[] = [];
      if (cp.recordTimestamp) {
        for (const floorId of floorsToSample(movedFloors, lastPositionSample, cp.recordTimestamp, positionTiming))
          positions.push({
            locationId: floorId,
            at: cp.recordTimestamp,
            points: JSON.stringify(pipeline.engine.devicesOn(floorId)),
          });
      }
      const started = now();
      writeStartedAt = started;
      writing = (async () => {
        try {
          // Locations first: rows that rollups and the checkpoint refer to must exist.
          await upsertLocations(db, o.tenantId, locations);
          if (locations === pendingLocations) pendingLocations = [];
          else pendingLocations = pendingLocations.slice(locations.length);
          const timer = o.metrics?.startBatchWrite();
          if (cp.recordTimestamp)
            await writeIngestBatch(db, o.activationId, buckets, cp.recordTimestamp, cp.state, positions, {
              tenantId: o.tenantId,
              gaps,
            });
          timer?.();
          if (cp.state !== null) {
            stateWrittenAt = now();
            stateCostMs = stateWrittenAt - started;
          }
          unsavedGaps = unsavedGaps.filter((g) => !gaps.includes(g));
          for (const b of buckets) if (unsaved.get(bucketKey(b)) === b) unsaved.delete(bucketKey(b));
          if (cp.recordTimestamp - lastPrune > pruneEveryMs) {
            lastPrune = cp.recordTimestamp;
            await pruneHistory(
              db,
              cp.recordTimestamp - o.positionRetentionMs,
              cp.recordTimestamp - ROLLUP_RETENTION_MS,
            );
          }
          if (failing) log.info({ afterMs: now() - started }, "database writable again: ingest resumes");
          failing = false;
          const ready = waiters;
          waiters = [];
          for (const w of ready) w();
        } catch (e) {
          if (!failing)
            log.error({ err: (e as Error).message }, "database write failed: ingest paused until it succeeds");
          failing = true;
        } finally {
          writing = null;
        }
      })();
      return writing;
    },
  };
  return p;
}
