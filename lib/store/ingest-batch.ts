import type { Bucket } from "@/lib/occupancy/rollup";
import type { Db } from "./db";

/** One transaction per flush: the minute rollups and the checkpoint move together. */
export async function writeIngestBatch(db: Db, activationId: string, buckets: Bucket[], recordTimestamp: number, state: string) {
  await db.$transaction([
    ...buckets.map((b) => {
      const data = { source: b.source, min: b.min, max: b.max, last: b.last, sum: b.sum, seconds: b.seconds };
      return db.occupancySample.upsert({
        where: { locationId_bucket: { locationId: b.locationId, bucket: new Date(b.bucket) } },
        create: { locationId: b.locationId, bucket: new Date(b.bucket), ...data },
        update: data,
      });
    }),
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
