import { decodeLine, type DecodeResult, type FirehoseEvent } from "@/lib/firehose/decode";
import { MinHeap } from "@/lib/occupancy/heap";
import { createEngine, type Engine, type EngineSnapshot } from "@/lib/occupancy/engine";
import { shownLabel } from "@/lib/occupancy/present";
import { createRollup, type Bucket, type RollupSnapshot } from "@/lib/occupancy/rollup";
import { SOURCES, type Changes } from "@/lib/occupancy/types";
import { bump, createCounters, type IngestCounters } from "./counters";

// The one path every Firehose line takes, live or replayed from a file: decode → tenant check →
// dedupe by recordUid → engine. No I/O here. The minute rollups sample every location at each
// second of event time, so they depend only on the events, never on when the worker happened to
// drain: a run interrupted and resumed gives the same rollups as a clean one.

/** Resume this far before the checkpoint: Cisco may deliver partitions slightly out of order. */
export const RESUME_OVERLAP_MS = 15_000;
const SAMPLE_MS = 1_000;
/**
 * Records wait in a small buffer ordered by (recordTimestamp, recordUid) before the engine sees them,
 * so lines that arrive slightly out of order (Cisco's partitions, a reconnect) are applied in event
 * order: a late line would otherwise be dropped by the engine as older than what it holds. The buffer
 * holds at most this many lines; the worker also settles it whenever the stream goes quiet.
 */
export const REORDER_LINES = 64;
/**
 * After a reconnect, a first record this much later than the newest one we had means the records in
 * between are gone (the outage outlasted Cisco's replay window, about an hour): a data gap. A stream
 * resumed within the window starts at or before where we stopped, so this never fires for it. A tenant
 * that sent nothing at all for longer while we were away shows that silence as a gap too: no data is
 * what it was.
 */
export const GAP_MS = 2 * 60_000;

/** Event time with no records: [from, to). */
export interface DataGap {
  from: number;
  to: number;
}

export interface PipelineState {
  /** 2 writes `seenAt`; 1 (older checkpoints, still read) wrote `seen`. */
  v: 1 | 2;
  engine: EngineSnapshot;
  rollup: RollupSnapshot;
  /** v1: recordUids applied at or after clock - RESUME_OVERLAP_MS, with their timestamps. */
  seen?: Array<[uid: string, ts: number]>;
  /**
   * v2: the same grouped by timestamp. Written every checkpoint and mostly these ids (15 s of records),
   * so each timestamp once per group: ~40 % smaller, and no array per record to build.
   */
  seenAt?: Array<[ts: number, uids: string[]]>;
  /** Event time of the last rollup sample. */
  sampledAt: number;
  /** Records accepted but not yet applied (the reorder buffer). */
  held: FirehoseEvent[];
  /** Newest recordTimestamp accepted (applied or held); absent in older checkpoints. */
  newest?: number;
}

export interface Checkpoint {
  recordTimestamp: number;
  state: string;
  buckets: Bucket[];
  /** Data gaps found since the last checkpoint. */
  gaps: DataGap[];
}

export interface PipelineOptions {
  /** Records of other tenants are skipped (one API key can carry several tenants). null accepts all. */
  partnerTenantId: string | null;
  restore?: PipelineState;
  /** Called once per skipped line with its reason, for logs. */
  onSkip?(reason: string, detail: string, firstOfKind: boolean): void;
  /** Called when a data gap is found (see GAP_MS). */
  onGap?(gap: DataGap): void;
  /** Called for each LOCATION_CHANGE as it is applied: the floor's map details and time zone live outside the engine. */
  onLocationChange?(e: Extract<FirehoseEvent, { type: "LOCATION_CHANGE" }>): void;
  gapMs?: number;
}

export interface Pipeline {
  engine: Engine;
  counters: IngestCounters;
  accept(line: string): void;
  /**
   * The same for a line already decoded (a shared stream decodes once to route it to its tenant).
   * `readAt`: wall-clock epoch ms the line was read off the stream, carried to `drain().readAt`.
   */
  acceptDecoded(r: DecodeResult, readAt?: number): void;
  /** Counts a line the stream itself had to drop (e.g. oversized). */
  reject(reason: string, detail: string): void;
  /** The stream (re)connected: its first record tells whether records were lost in between. */
  resumed(): void;
  /** Applies every buffered record (the stream is quiet, or the input ended). */
  settle(): void;
  /** Engine changes since the last drain, for the live views. */
  drain(): Changes;
  /** Rollup buckets touched since the last checkpoint and the state to resume from, as of now. */
  checkpoint(): Checkpoint;
  /**
   * The same without the state. Buckets are a pure function of the records, so a resume from an older
   * state rewrites the same ones: the state may be stored less often than they are.
   */
  progress(): Omit<Checkpoint, "state">;
  /** Newest recordTimestamp applied (0 before the first). */
  readonly clock: number;
}

export function createPipeline(o: PipelineOptions): Pipeline {
  const engine = createEngine(o.restore?.engine);
  const rollup = createRollup(o.restore?.rollup);
  const seen = new Map<string, number>(o.restore?.seen ?? []);
  for (const [ts, uids] of o.restore?.seenAt ?? []) for (const uid of uids) seen.set(uid, ts);
  const counters = createCounters();
  let sampledAt = o.restore?.sampledAt ?? 0;
  const gapMs = o.gapMs ?? GAP_MS;
  let newest = o.restore?.newest ?? o.restore?.engine.clock ?? 0;
  let resumeAfter: number | null = null;
  let gaps: DataGap[] = [];
  let oldestApplied = Infinity;
  let earliestRead = Infinity;
  const order = new MinHeap();
  const held = new Map<string, FirehoseEvent>();
  // A held record's read time rides in its heap entry: a wall-clock fact of this process, never part
  // of a checkpoint.
  const hold = (e: FirehoseEvent, readAt: number | undefined) => {
    const key = `${e.uid}|${e.type}`;
    if (held.has(key)) return;
    held.set(key, e);
    order.push(readAt === undefined ? [e.ts, key] : [e.ts, key, readAt]);
  };
  const release = () => {
    const [, key, readAt] = order.pop()!;
    const e = held.get(key)!;
    held.delete(key);
    if (readAt !== undefined && readAt < earliestRead && e.type !== "KEEP_ALIVE") earliestRead = readAt;
    const boundary = e.ts - (e.ts % SAMPLE_MS);
    if (boundary > sampledAt) sample(boundary);
    engine.apply(e);
    if (e.type === "LOCATION_CHANGE") o.onLocationChange?.(e);
    if (e.ts < oldestApplied && e.type !== "KEEP_ALIVE") oldestApplied = e.ts;
    bump(counters.applied, e.type);
  };
  for (const e of o.restore?.held ?? []) hold(e, undefined);

  /** Records every location's shown count and each source's count as of `at` (all earlier events applied). */
  const sample = (at: number) => {
    for (const l of engine.locations()) {
      const occ = engine.occupancy(l.id);
      rollup.record(l.id, "shown", occ.count, shownLabel(occ), at);
      const bySource = engine.sourceCounts(l.id);
      for (const s of SOURCES)
        if (bySource[s] !== undefined || rollup.has(l.id, s)) rollup.record(l.id, s, bySource[s] ?? 0, null, at);
    }
    sampledAt = at;
  };

  /** Everything before the gap is applied; the rollup holds nothing inside it. */
  const gap = (from: number, to: number) => {
    while (order.size) release();
    rollup.skip(from, to);
    const g = { from, to };
    gaps.push(g);
    o.onGap?.(g);
  };

  const skip = (reason: string, detail: string) => {
    const n = bump(counters.skipped, reason);
    o.onSkip?.(reason, detail, n === 1);
  };

  const pipeline: Pipeline = {
    engine,
    counters,
    get clock() {
      return engine.clock;
    },
    accept(line) {
      pipeline.acceptDecoded(decodeLine(line));
    },
    acceptDecoded(r, readAt) {
      counters.lines++;
      if (!r.ok) return skip(r.reason, r.detail);
      const e = r.event;
      if (e.type !== "KEEP_ALIVE" && o.partnerTenantId !== null && e.partnerTenantId !== o.partnerTenantId) {
        return skip("wrong_tenant", e.partnerTenantId || "(none)");
      }
      if (e.type !== "KEEP_ALIVE") {
        if (resumeAfter !== null) {
          if (e.ts - resumeAfter > gapMs) gap(resumeAfter, e.ts);
          resumeAfter = null;
        }
        if (e.ts > newest) newest = e.ts;
      }
      if (seen.has(e.uid)) {
        counters.duplicates++;
        return;
      }
      if (e.type !== "KEEP_ALIVE") seen.set(e.uid, e.ts);
      hold(e, readAt);
      while (order.size > REORDER_LINES) release();
    },
    settle() {
      while (order.size) release();
    },
    resumed() {
      resumeAfter = newest > 0 ? newest : null;
    },
    reject: skip,
    drain() {
      const changes = engine.drain();
      if (oldestApplied !== Infinity) changes.oldestTs = oldestApplied;
      oldestApplied = Infinity;
      if (earliestRead !== Infinity) changes.readAt = earliestRead;
      earliestRead = Infinity;
      return changes;
    },
    progress() {
      const found = gaps;
      gaps = [];
      return { recordTimestamp: engine.clock, buckets: rollup.take(sampledAt), gaps: found };
    },
    checkpoint() {
      const clock = engine.clock;
      const horizon = clock - RESUME_OVERLAP_MS;
      const seenAt = new Map<number, string[]>();
      for (const [uid, ts] of seen) {
        if (ts < horizon) {
          seen.delete(uid);
          continue;
        }
        const group = seenAt.get(ts);
        if (group) group.push(uid);
        else seenAt.set(ts, [uid]);
      }
      const { buckets, gaps: found } = pipeline.progress();
      const state: PipelineState = {
        v: 2,
        engine: engine.snapshot(),
        rollup: rollup.snapshot(),
        seenAt: [...seenAt],
        sampledAt,
        held: [...held.values()],
        newest,
      };
      return { recordTimestamp: clock, state: JSON.stringify(state), buckets, gaps: found };
    },
  };
  return pipeline;
}

/** Parses a stored checkpoint state; null for the empty state of an older checkpoint. */
export function parsePipelineState(state: string): PipelineState | null {
  try {
    const v = JSON.parse(state) as Partial<PipelineState>;
    const seen = v?.v === 1 ? Array.isArray(v.seen) : v?.v === 2 && Array.isArray(v.seenAt);
    return v && seen && v.engine && v.rollup && Array.isArray(v.held) ? (v as PipelineState) : null;
  } catch {
    return null;
  }
}
