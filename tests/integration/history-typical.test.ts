import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHistory, MINUTE_MS, SHOWN, type RangeName, type SampleRow } from "@/lib/history/build";
import { loadHistory, readGaps, TYPICAL_MAX_WEEKS, windowFor } from "@/lib/history/query";
import { addDays } from "@/lib/history/tz";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { ROOT } from "../helpers/app-server";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";

// The day view reads its rows with raw SQL and has the database sum the "typical same weekday"
// (lib/history/sql.ts, typical.ts). It must give exactly what reading every row through Prisma and
// summing the eight weeks in JavaScript gave, on SQLite and on PostgreSQL, across daylight-saving
// days (23- and 25-hour windows, lined up by wall-clock time) and with weeks, minutes and seconds missing.

const DAY = 24 * 60 * MINUTE_MS;
const tz = "Europe/Berlin";
// Sundays: the spring-forward day (23 h), the one after (its week 1 is 23 h), the fall-back day (25 h),
// the one after, and an ordinary day.
const DAYS = ["2026-03-29", "2026-04-05", "2025-10-26", "2025-11-02", "2026-06-14"].map((d) =>
  Date.parse(`${d}T12:00:00Z`),
);
const SKIPPED_WEEK = 3; // the third Sunday back has no data at all for the ordinary day

/** How rows were read before: Prisma objects. */
async function readByPrisma(db: Db, id: string, from: number, to: number, source?: string): Promise<SampleRow[]> {
  const rows = await db.occupancySample.findMany({
    where: { locationId: id, bucket: { gte: new Date(from), lt: new Date(to) }, ...(source ? { source } : {}) },
    select: { source: true, bucket: true, label: true, min: true, max: true, last: true, sum: true, seconds: true },
    orderBy: { bucket: "asc" },
  });
  return rows.map((r) => ({ ...r, bucket: r.bucket.getTime() }));
}

/** The pre-SQL path: read every previous week's shown rows and let buildHistory sum them. */
async function oldSemantics(db: Db, locationId: string, day: number, now: number, range: RangeName = "day") {
  const { from, to } = windowFor({ range, from: day, tz, now });
  const rows = await readByPrisma(db, locationId, from, to);
  const typicalWeeks = [];
  for (let k = 1; range === "day" && k <= TYPICAL_MAX_WEEKS; k++) {
    const w = { from: addDays(from, -7 * k, tz), to: addDays(to, -7 * k, tz) };
    typicalWeeks.push({ from: w.from, to: w.to, rows: await readByPrisma(db, locationId, w.from, w.to, SHOWN) });
  }
  const gaps = await readGaps(db, locationId, from, to);
  return buildHistory({
    locationId,
    range,
    from,
    to,
    rows,
    typicalWeeks: range === "day" ? typicalWeeks : undefined,
    gaps,
    timeZone: tz,
    now,
  });
}

/** Deterministic noise, so a failure reproduces. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function seed(db: Db) {
  await db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
  await db.location.create({ data: { id: "f1", tenantId: "t1", name: "Floor 1", type: "FLOOR" } });
  const rnd = prng(7);
  const minutes = new Set<number>();
  for (const d of DAYS) {
    for (let k = 0; k <= TYPICAL_MAX_WEEKS + 1; k++) {
      if (d === DAYS[4] && k === SKIPPED_WEEK) continue;
      // The calendar day in Berlin and an hour either side, so window edges are exercised.
      const start = Math.floor((d - 7 * k * DAY) / DAY) * DAY - 3 * 60 * MINUTE_MS;
      for (let m = 0; m < 30 * 60; m++) minutes.add(start + m * MINUTE_MS);
    }
  }
  const data = [];
  for (const bucket of [...minutes].sort((a, b) => a - b)) {
    if (rnd() < 0.25) continue; // minutes without data
    const count = Math.floor(rnd() * 80);
    const seconds = rnd() < 0.1 ? 0 : Math.round(rnd() * 600) / 10; // some minutes only have a last value
    const base = { bucket: new Date(bucket), min: Math.max(0, count - 2), max: count + 3, last: count };
    data.push({ ...base, locationId: "f1", source: SHOWN, label: "camera", sum: count * seconds + rnd() * 7, seconds });
    if (rnd() < 0.3)
      data.push({ ...base, locationId: "f1", source: "camera", label: null, sum: 999 * seconds, seconds, last: 999 }); // not the shown series
    if (rnd() < 0.3)
      data.push({
        ...base,
        locationId: "f2",
        source: SHOWN,
        label: "camera",
        sum: 5000 * seconds,
        seconds,
        last: 5000,
      }); // another floor
  }
  for (let i = 0; i < data.length; i += 5000) await db.occupancySample.createMany({ data: data.slice(i, i + 5000) });
}

describe.each(["sqlite", "postgresql"] as const)("typical same weekday summed in %s", (kind) => {
  let db: Db;
  let sqlite: TempSqliteDatabase | undefined;
  let pgDb: TempPgDatabase | undefined;

  beforeAll(async () => {
    if (kind === "sqlite") {
      sqlite = await createTempSqliteDatabase("t.db");
      db = sqlite.db;
    } else {
      pgDb = await createTempPgDatabase("floorpulse_typical");
      await applyMigrations(ROOT, pgDb.url);
      db = createDb(pgDb.url);
    }
    await seed(db);
  });

  afterAll(async () => {
    if (sqlite) await sqlite.drop();
    else await db?.$disconnect();
    await pgDb?.drop();
  });

  it.each(DAYS.map((d) => [new Date(d).toISOString().slice(0, 10), d] as const))(
    "gives the chart the old path gave for %s",
    async (_, day) => {
      const now = day + 30 * DAY;
      const got = await loadHistory(db, { locationId: "f1", range: "day", from: day, tz, now });
      const want = await oldSemantics(db, "f1", day, now);
      expect(got).toEqual(want);
      // The comparison means something only if there is a typical curve to compare.
      expect(got.typical!.weeks).toBe(day === DAYS[4] ? TYPICAL_MAX_WEEKS - 1 : TYPICAL_MAX_WEEKS);
      expect(got.rows.filter((r) => r.values.typical != null).length).toBeGreaterThan(100);
    },
  );

  it.each(["hour", "week", "month"] as const)("gives the %s chart the old path gave", async (range) => {
    const day = range === "hour" ? DAYS[0]! : DAYS[0]! - 2 * DAY; // windows holding a seeded Sunday
    const got = await loadHistory(db, { locationId: "f1", range, from: day, tz, now: day + 30 * DAY });
    expect(got).toEqual(await oldSemantics(db, "f1", day, day + 30 * DAY, range));
    expect(got.series).toEqual(["shown", "camera"]);
  });

  it("shows a new minute of a day still open at once, and a closed day the same on every read", async () => {
    const day = DAYS[2]! - 7 * DAY; // a seeded week no other test asks for
    const { from } = windowFor({ range: "day", from: day, tz, now: day });
    const open = { locationId: "f1", range: "day" as const, from: day, tz, now: from + 10 * 60 * MINUTE_MS };
    const before = await loadHistory(db, open);
    const bucket = new Date(from + 9 * 60 * MINUTE_MS + 30 * MINUTE_MS);
    await db.occupancySample.deleteMany({ where: { locationId: "f1", source: SHOWN, bucket } });
    await db.occupancySample.create({
      data: {
        locationId: "f1",
        source: SHOWN,
        bucket,
        label: "camera",
        min: 1234,
        max: 1234,
        last: 1234,
        sum: 1234 * 60,
        seconds: 60,
      },
    });
    const after = await loadHistory(db, open);
    expect(after.rows).not.toEqual(before.rows);
    expect(after.stats.shown!.peak?.value).toBe(1234);
    const closed = { ...open, now: day + 30 * DAY };
    const first = await loadHistory(db, closed);
    expect(await loadHistory(db, closed)).toEqual(first);
    expect(first).toEqual(await oldSemantics(db, "f1", day, closed.now));
  });

  it("has no typical curve where no previous week has data", async () => {
    const day = Date.parse("2024-01-07T12:00:00Z");
    const got = await loadHistory(db, { locationId: "f1", range: "day", from: day, tz, now: day });
    expect(got.typical).toEqual({ weeks: 0, weekStarts: [] });
    expect(got).toEqual(await oldSemantics(db, "f1", day, day));
  });
});
