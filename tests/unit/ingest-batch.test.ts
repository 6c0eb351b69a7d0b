import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Bucket } from "@/lib/occupancy/rollup";
import { createDb, type Db } from "@/lib/store/db";
import {
  readCheckpoint,
  STATE_PIECE_CHARS,
  statePieces,
  writeBuckets,
  writeIngestBatch,
  type PositionRow,
} from "@/lib/store/ingest-batch";
import { applyMigrations } from "@/lib/store/migrate";
import { bucket, MIN, T0 } from "../helpers/bucket-fixture";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";
import { seedTenantAndActivation } from "../helpers/seed";

// What the batch used to do, one Prisma upsert per row: the raw statements must store the same bytes.
async function prismaReference(
  db: Db,
  buckets: Bucket[],
  positions: PositionRow[],
  recordTimestamp: number,
  state: string,
) {
  await db.$transaction([
    ...buckets.map((b) => {
      const data = { label: b.label, min: b.min, max: b.max, last: b.last, sum: b.sum, seconds: b.seconds };
      const key = { locationId: b.locationId, bucket: new Date(b.bucket), source: b.series };
      return db.occupancySample.upsert({
        where: { locationId_bucket_source: key },
        create: { ...key, ...data },
        update: data,
      });
    }),
    ...positions.map((p) =>
      db.positionSample.upsert({
        where: { locationId_at: { locationId: p.locationId, at: new Date(p.at) } },
        create: { locationId: p.locationId, at: new Date(p.at), points: p.points },
        update: { points: p.points },
      }),
    ),
    db.checkpoint.upsert({
      where: { activationId: "a1" },
      create: { activationId: "a1", recordTimestamp: BigInt(recordTimestamp), state },
      update: { recordTimestamp: BigInt(recordTimestamp), state },
    }),
  ]);
}

// Storage classes and text exactly as SQLite holds them (not as Prisma converts them on the way out).
const storedRows = (db: Db) =>
  Promise.all([
    db.$queryRawUnsafe(
      `SELECT "locationId", typeof("bucket") AS bt, CAST("bucket" AS TEXT) AS b, "source", "label", "min", "max", "last",
        typeof("sum") AS st, "sum", "seconds" FROM "OccupancySample" ORDER BY "locationId", "bucket", "source"`,
    ),
    db.$queryRawUnsafe(
      `SELECT "locationId", typeof("at") AS att, CAST("at" AS TEXT) AS a, "points" FROM "PositionSample" ORDER BY "locationId", "at"`,
    ),
    // updatedAt is the time of writing: its storage class and shape must match, not its value.
    db.$queryRawUnsafe(
      `SELECT "activationId", typeof("recordTimestamp") AS rt, CAST("recordTimestamp" AS TEXT) AS r, "state",
        typeof("updatedAt") AS ut, length("updatedAt") AS ul, substr("updatedAt", 24) AS uz FROM "Checkpoint"`,
    ),
  ]);

const asRead = (b: Bucket) => ({
  locationId: b.locationId,
  bucket: new Date(b.bucket),
  source: b.series,
  label: b.label,
  min: b.min,
  max: b.max,
  last: b.last,
  sum: b.sum,
  seconds: b.seconds,
});

describe("ingest batch writes (multi-row upserts on SQLite)", () => {
  let dir: string;
  let raw: Db;
  let ref: Db;

  beforeAll(async () => {
    dir = tempDir();
    const open = async (name: string) => {
      const url = `file:${join(dir, `${name}.db`)}`;
      await applyMigrations(ROOT, url);
      const db = createDb(url);
      await seedTenantAndActivation(db);
      return db;
    };
    raw = await open("raw");
    ref = await open("ref");
  });

  afterAll(async () => {
    await raw?.$disconnect();
    await ref?.$disconnect();
    removeDir(dir);
  });

  it("stores rollups and positions byte for byte as Prisma's own upserts do, updates included", async () => {
    const [a, b, c, d] = [
      bucket("f1", 0, 10),
      bucket("f1", 0, 9, "wifi_users", null),
      bucket("f1", 1, 11),
      bucket("z1", 0, 3, "shown", "people"),
    ];
    const first = [a, b, c, d];
    const firstPositions = [{ locationId: "f1", at: T0 + 5_000, points: "[[1,10.5,20]]" }];
    // The next flush rewrites an open minute and a position at the same instant, and adds new ones.
    const [c2, e, f] = [
      bucket("f1", 1, 14, "shown", "wifi_users"),
      bucket("f1", 2, 0, "shown", null),
      bucket("z1", 1, 4),
    ];
    const second = [c2, e, f];
    const secondPositions = [
      { locationId: "f1", at: T0 + 5_000, points: "[[1,11,21]]" },
      { locationId: "f1", at: T0 + 65_123, points: "[]" },
    ];
    await writeIngestBatch(raw, "a1", first, T0 + 60_000, '{"n":1}', firstPositions);
    await writeIngestBatch(raw, "a1", second, T0 + 130_000, '{"n":2}', secondPositions);
    await prismaReference(ref, first, firstPositions, T0 + 60_000, '{"n":1}');
    await prismaReference(ref, second, secondPositions, T0 + 130_000, '{"n":2}');

    const [rawRows, refRows] = [await storedRows(raw), await storedRows(ref)];
    expect(rawRows).toEqual(refRows);
    expect((rawRows[0] as unknown[]).length).toBe(6);
    expect(rawRows[2]).toEqual([
      {
        activationId: "a1",
        rt: "integer",
        r: String(T0 + 130_000),
        state: '{"n":2}',
        ut: "text",
        ul: BigInt(29),
        uz: "+00:00",
      },
    ]);

    // And Prisma reads back exactly what was written, the last write of each key winning.
    const stored = await raw.occupancySample.findMany({
      orderBy: [{ locationId: "asc" }, { bucket: "asc" }, { source: "asc" }],
    });
    expect(stored).toEqual([a, b, c2, e, d, f].map(asRead));
    const positions = await raw.positionSample.findMany({
      where: { at: { gte: new Date(T0), lt: new Date(T0 + MIN) } },
    });
    expect(positions).toEqual([{ locationId: "f1", at: new Date(T0 + 5_000), points: "[[1,11,21]]" }]);
    const cp = await raw.checkpoint.findUnique({ where: { activationId: "a1" } });
    expect([Number(cp?.recordTimestamp), cp?.state]).toEqual([T0 + 130_000, '{"n":2}']);
    expect(Math.abs(Date.now() - (cp?.updatedAt.getTime() ?? 0))).toBeLessThan(60_000); // written now, read as a real Date
  });

  it("writes batches larger than one statement's parameter limit, a repeated key keeping its last row", async () => {
    // 400 locations × 3 minutes × 9 columns is far beyond SQLite's 999 bound parameters per statement.
    const many: Bucket[] = [];
    for (let l = 0; l < 400; l++) for (let m = 10; m < 13; m++) many.push(bucket(`loc${l}`, m, l + m));
    const repeated = bucket("loc7", 11, 999);
    await writeBuckets(raw, [...many, repeated]);
    const stored = await raw.occupancySample.findMany({ where: { bucket: { gte: new Date(T0 + 10 * MIN) } } });
    expect(stored.length).toBe(many.length);
    const byKey = new Map(stored.map((s) => [`${s.locationId}|${s.bucket.getTime()}`, s]));
    for (const b of many.filter((b) => !(b.locationId === "loc7" && b.bucket === repeated.bucket))) {
      expect(byKey.get(`${b.locationId}|${b.bucket}`)).toEqual(asRead(b));
    }
    expect(byKey.get(`loc7|${repeated.bucket}`)).toEqual(asRead(repeated));
  });

  it("commits nothing of a batch when any part of it fails", async () => {
    const before = await storedRows(raw);
    const cpBefore = await raw.checkpoint.findUnique({ where: { activationId: "a1" } });
    const broken = { locationId: "f9", at: T0 + 200_000, points: null as unknown as string }; // NOT NULL
    await expect(
      writeIngestBatch(raw, "a1", [bucket("f9", 20, 5)], T0 + 300_000, '{"n":3}', [broken]),
    ).rejects.toThrow();
    expect(await storedRows(raw)).toEqual(before);
    expect(await raw.checkpoint.findUnique({ where: { activationId: "a1" } })).toEqual(cpBefore);
  });

  it("stores a large engine state in pieces and reads it back whole, a smaller one leaving no stale piece", async () => {
    // A surrogate pair straddles the first piece boundary: no piece may end inside one.
    const large = ("é".repeat(STATE_PIECE_CHARS - 1) + "😀").repeat(5);
    expect(statePieces(large)[0]).toBe("é".repeat(STATE_PIECE_CHARS - 1));
    expect(statePieces(large).join("")).toBe(large);
    for (const piece of statePieces(large)) expect(piece.length).toBeLessThanOrEqual(STATE_PIECE_CHARS);
    expect(statePieces("")).toEqual([""]);

    await writeIngestBatch(raw, "a1", [], T0 + 400_000, large);
    expect(await readCheckpoint(raw, "a1")).toEqual({ recordTimestamp: T0 + 400_000, state: large });
    expect(await raw.checkpointPart.count({ where: { activationId: "a1" } })).toBe(statePieces(large).length - 1);

    await writeIngestBatch(raw, "a1", [], T0 + 410_000, '{"n":4}');
    expect(await readCheckpoint(raw, "a1")).toEqual({ recordTimestamp: T0 + 410_000, state: '{"n":4}' });
    expect(await raw.checkpointPart.count({ where: { activationId: "a1" } })).toBe(0);
  });

  it("writes rollups without touching the stored checkpoint when no state is given", async () => {
    await writeIngestBatch(raw, "a1", [], T0 + 500_000, '{"n":5}');
    await writeIngestBatch(raw, "a1", [bucket("f1", 30, 7)], T0 + 520_000, null);
    expect(await readCheckpoint(raw, "a1")).toEqual({ recordTimestamp: T0 + 500_000, state: '{"n":5}' });
    const stored = await raw.occupancySample.findMany({ where: { bucket: new Date(T0 + 30 * MIN) } });
    expect(stored).toEqual([asRead(bucket("f1", 30, 7))]);
  });
});
