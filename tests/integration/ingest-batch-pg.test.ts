import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bucket } from "@/lib/occupancy/rollup";
import { createDb, type Db } from "@/lib/store/db";
import { readCheckpoint, STATE_PIECE_CHARS, writeBuckets, writeIngestBatch } from "@/lib/store/ingest-batch";
import { applyMigrations } from "@/lib/store/migrate";
import { bucket, MIN, T0 } from "../helpers/bucket-fixture";
import { ROOT } from "../helpers/app-server";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";
import { seedTenantAndActivation } from "../helpers/seed";

// The batch's multi-row upserts on PostgreSQL (this machine's, as in scale-out.test.ts). A server far from
// UTC must still store UTC minutes: the raw statements and Prisma's own writes have to agree.
process.env.TZ = "America/New_York";

describe("ingest batch writes on PostgreSQL", () => {
  let db: Db;
  let pgDb: TempPgDatabase | undefined;

  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    await applyMigrations(ROOT, pgDb.url);
    db = createDb(pgDb.url);
    await seedTenantAndActivation(db);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await pgDb?.drop();
  });

  it("stores what Prisma's own upserts store, updates and oversized batches included", async () => {
    const [a, b, c, c2, d] = [
      bucket("f1", 0, 10),
      bucket("f1", 0, 9, "wifi_users", null),
      bucket("f1", 1, 11),
      bucket("f1", 1, 14, "shown", "wifi_users"),
      bucket("f1", 2, 0, "shown", null),
    ];
    const [first, second] = [
      [a, b, c],
      [c2, d],
    ];
    await writeIngestBatch(db, "a1", first, T0 + 60_000, '{"n":1}', [
      { locationId: "f1", at: T0 + 5_000, points: "[[1,2,3]]" },
    ]);
    await writeIngestBatch(db, "a1", second, T0 + 130_000, '{"n":2}', [
      { locationId: "f1", at: T0 + 5_000, points: "[]" },
    ]);
    // The same rows written by Prisma under another location id, for a byte comparison of what PostgreSQL holds.
    for (const b of [...first, ...second]) {
      const key = { locationId: "p1", bucket: new Date(b.bucket), source: b.series };
      const data = { label: b.label, min: b.min, max: b.max, last: b.last, sum: b.sum, seconds: b.seconds };
      await db.occupancySample.upsert({
        where: { locationId_bucket_source: key },
        create: { ...key, ...data },
        update: data,
      });
    }
    const text = (loc: string) =>
      db.$queryRawUnsafe<unknown[]>(
        `SELECT "bucket"::text AS b, "source", "label", "min", "max", "last", "sum", "seconds" FROM "OccupancySample" WHERE "locationId" = $1 ORDER BY "bucket", "source"`,
        loc,
      );
    const raw = await text("f1");
    expect(raw).toEqual(await text("p1"));
    expect(raw).toHaveLength(4);
    expect((raw[0] as { b: string }).b).toBe("2026-11-25 09:00:00");

    const stored = await db.occupancySample.findMany({
      where: { locationId: "f1" },
      orderBy: [{ bucket: "asc" }, { source: "asc" }],
    });
    expect(stored.map((s) => [s.bucket.getTime(), s.source, s.label, s.last, s.sum])).toEqual(
      [a, b, c2, d].map((x) => [x.bucket, x.series, x.label, x.last, x.sum]),
    );
    expect(await db.positionSample.findMany()).toEqual([{ locationId: "f1", at: new Date(T0 + 5_000), points: "[]" }]);
    expect(await readCheckpoint(db, "a1")).toEqual({ recordTimestamp: T0 + 130_000, state: '{"n":2}' });
    const cp = await db.checkpoint.findUnique({ where: { activationId: "a1" } });
    expect(Math.abs(Date.now() - (cp?.updatedAt.getTime() ?? 0))).toBeLessThan(60_000); // UTC, not shifted by the zone

    // Beyond one statement's parameters, with a repeated key (PostgreSQL refuses one row twice in a statement).
    const many: Bucket[] = [];
    for (let l = 0; l < 300; l++) many.push(bucket(`loc${l}`, 30, l));
    await writeBuckets(db, [...many, bucket("loc5", 30, 77)]);
    expect(await db.occupancySample.count({ where: { bucket: new Date(T0 + 30 * MIN) } })).toBe(300);
    expect(
      (await db.occupancySample.findFirst({ where: { locationId: "loc5", bucket: new Date(T0 + 30 * MIN) } }))?.last,
    ).toBe(77);
  });

  it("stores a large engine state in pieces and reads it back whole, a smaller one leaving no stale piece", async () => {
    const large = ("é".repeat(STATE_PIECE_CHARS - 1) + "😀").repeat(4);
    await writeIngestBatch(db, "a1", [], T0 + 400_000, large);
    expect(await readCheckpoint(db, "a1")).toEqual({ recordTimestamp: T0 + 400_000, state: large });
    await writeIngestBatch(db, "a1", [], T0 + 410_000, '{"n":4}');
    expect(await readCheckpoint(db, "a1")).toEqual({ recordTimestamp: T0 + 410_000, state: '{"n":4}' });
    expect(await db.checkpointPart.count()).toBe(0);
  });
});
