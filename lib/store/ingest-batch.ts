import type { Bucket } from "@/lib/occupancy/rollup";
import type { Db } from "./db";

const upsertBucket = (db: Db, b: Bucket) => {
  const data = { label: b.label, min: b.min, max: b.max, last: b.last, sum: b.sum, seconds: b.seconds };
  const key = { locationId: b.locationId, bucket: new Date(b.bucket), source: b.series };
  return db.occupancySample.upsert({ where: { locationId_bucket_source: key }, create: { ...key, ...data }, update: data });
};

/** Minute rollups alone (replays of files, which have no checkpoint). */
export async function writeBuckets(db: Db, buckets: Bucket[]) {
  if (buckets.length) await db.$transaction(buckets.map((b) => upsertBucket(db, b)));
}

export interface PositionRow {
  locationId: string;
  at: number;
  points: string;
}

/** One transaction per flush: the minute rollups, position samples and the checkpoint move together. */
export async function writeIngestBatch(
  db: Db,
  activationId: string,
  buckets: Bucket[],
  recordTimestamp: number,
  state: string,
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
    ...buckets.map((b) => upsertBucket(db, b)),
    ...positions.map((p) =>
      db.positionSample.upsert({
        where: { locationId_at: { locationId: p.locationId, at: new Date(p.at) } },
        create: { locationId: p.locationId, at: new Date(p.at), points: p.points },
        update: { points: p.points },
      }),
    ),
    db.checkpoint.upsert({
      where: { activationId },
      create: { activationId, recordTimestamp: BigInt(recordTimestamp), state },
      update: { recordTimestamp: BigInt(recordTimestamp), state },
    }),
  ]);
}

export async function readCheckpoint(db: Db, activationId: string): Promise<{ recordTimestamp: number; state: string } | null> {
  const c = await db.checkpoint.findUnique({ where: { activationId } });
  return c ? { recordTimestamp: Number(c.recordTimestamp), state: c.state } : null;
}

/** Retention: positions for time travel and minute rollups older than their horizons go. */
export async function pruneHistory(db: Db, positionsBefore: number, rollupsBefore: number): Promise<void> {
  await db.$transaction([
    db.positionSample.deleteMany({ where: { at: { lt: new Date(positionsBefore) } } }),
    db.occupancySample.deleteMany({ where: { bucket: { lt: new Date(rollupsBefore) } } }),
  ]);
}
