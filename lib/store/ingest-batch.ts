import type { Bucket } from "@/lib/occupancy/rollup";
import type { Db } from "./db";
import { upsertRows, type UpsertSpec } from "./upsert-rows";

export interface PositionRow {
  locationId: string;
  at: number;
  points: string;
}

// Dates go in as Date objects: the adapter then stores them exactly as Prisma's own writes
// (ISO text on SQLite, timestamp on PostgreSQL), which the history queries and unique keys rely on.
const BUCKETS: UpsertSpec<Bucket> = {
  table: "OccupancySample",
  columns: ["locationId", "bucket", "source", "label", "min", "max", "last", "sum", "seconds"],
  key: ["locationId", "bucket", "source"],
  values: (b) => [b.locationId, new Date(b.bucket), b.series, b.label, b.min, b.max, b.last, b.sum, b.seconds],
};

const POSITIONS: UpsertSpec<PositionRow> = {
  table: "PositionSample",
  columns: ["locationId", "at", "points"],
  key: ["locationId", "at"],
  values: (p) => [p.locationId, new Date(p.at), p.points],
};

/**
 * The longest piece of engine state bound in one statement (Checkpoint.state holds the first, CheckpointPart
 * the rest). Prisma 6.19's client keeps its last 100 debug messages with their query parameters, even with
 * DEBUG off: a statement binding a whole multi-megabyte state every 2 s kept up to 100 copies alive
 * (measured: 5 MB states grew the heap by 10 MB a write; 50 kB pieces by nothing).
 */
export const STATE_PIECE_CHARS = 32_768;

/** `s` in pieces of at most STATE_PIECE_CHARS, never cut between the two halves of a surrogate pair. */
export function statePieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length || !out.length;) {
    let end = Math.min(s.length, i + STATE_PIECE_CHARS);
    if (end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    out.push(s.slice(i, end));
    i = end;
  }
  return out;
}

const CHECKPOINT_PART: UpsertSpec<{ activationId: string; idx: number; text: string }> = {
  table: "CheckpointPart",
  columns: ["activationId", "idx", "text"],
  key: ["activationId", "idx"],
  values: (p) => [p.activationId, p.idx, p.text],
};

const CHECKPOINT: UpsertSpec<{ activationId: string; recordTimestamp: number; state: string }> = {
  table: "Checkpoint",
  columns: ["activationId", "recordTimestamp", "state", "updatedAt"],
  key: ["activationId"],
  values: (c) => [c.activationId, BigInt(c.recordTimestamp), c.state, new Date()],
};

/** Minute rollups alone (replays of files, which have no checkpoint). */
export async function writeBuckets(db: Db, buckets: Bucket[]) {
  if (buckets.length) await db.$transaction(upsertRows(db, BUCKETS, buckets));
}

/** One transaction per flush: the minute rollups, position samples and the checkpoint move together. */
export async function writeIngestBatch(
  db: Db,
  activationId: string,
  buckets: Bucket[],
  recordTimestamp: number,
  /** null: the rollups alone, the stored checkpoint stays (see Pipeline.progress). */
  state: string | null,
  positions: PositionRow[] = [],
  gaps: { tenantId: string; gaps: Array<{ from: number; to: number }> } = { tenantId: "", gaps: [] },
) {
  await db.$transaction([
    // A gap found again after a crash (the checkpoint that knew it was not written) is the same row.
    ...gaps.gaps.map((g) =>
      db.dataGap.upsert({
        where: { tenantId_from: { tenantId: gaps.tenantId, from: new Date(g.from) } },
        create: { tenantId: gaps.tenantId, from: new Date(g.from), to: new Date(g.to) },
        update: { to: new Date(g.to) },
      }),
    ),
    // Rollups and positions as a few multi-row statements, not a compiled Prisma upsert per row.
    ...upsertRows(db, BUCKETS, buckets),
    ...upsertRows(db, POSITIONS, positions),
    // Raw too: the engine state (the largest value of the batch) then goes through Prisma's query compiler
    // once, not twice (create and update). updatedAt is set here as Prisma's @updatedAt would.
    ...(state === null ? [] : checkpointStatements(db, activationId, recordTimestamp, state)),
  ]);
}

/** The checkpoint row with the state's first piece, each further piece in a statement of its own, no stale piece. */
function checkpointStatements(db: Db, activationId: string, recordTimestamp: number, state: string) {
  const [first, ...rest] = statePieces(state);
  return [
    ...upsertRows(db, CHECKPOINT, [{ activationId, recordTimestamp, state: first! }]),
    ...rest.flatMap((text, i) => upsertRows(db, CHECKPOINT_PART, [{ activationId, idx: i + 1, text }])),
    db.checkpointPart.deleteMany({ where: { activationId, idx: { gt: rest.length } } }),
  ];
}

export async function readCheckpoint(
  db: Db,
  activationId: string,
): Promise<{ recordTimestamp: number; state: string } | null> {
  const [c, parts] = await db.$transaction([
    db.checkpoint.findUnique({ where: { activationId } }),
    db.checkpointPart.findMany({ where: { activationId }, orderBy: { idx: "asc" } }),
  ]);
  return c ? { recordTimestamp: Number(c.recordTimestamp), state: c.state + parts.map((p) => p.text).join("") } : null;
}

/** Retention: positions for time travel and minute rollups older than their horizons go. */
export async function pruneHistory(db: Db, positionsBefore: number, rollupsBefore: number): Promise<void> {
  await db.$transaction([
    db.positionSample.deleteMany({ where: { at: { lt: new Date(positionsBefore) } } }),
    db.occupancySample.deleteMany({ where: { bucket: { lt: new Date(rollupsBefore) } } }),
  ]);
}
