import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { computeFigures, slotsFromMinutes } from "@/lib/insights/figures";
import { loadInsights } from "@/lib/insights/load";
import { periodWindow } from "@/lib/insights/period";
import { createDb, type Db } from "@/lib/store/db";
import { writeBuckets } from "@/lib/store/ingest-batch";
import { readSlots } from "@/lib/store/insights";
import { applyMigrations } from "@/lib/store/migrate";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";
import { RIGHT_SIZING, WEEK_CAPACITY, weekBuckets } from "../helpers/insights-week";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";

// The database sums minutes per quarter hour (lib/store/insights.ts); the figures must be exactly
// those of summing the same minutes in JavaScript, on SQLite and PostgreSQL, over a week that
// crosses Berlin's spring-forward night and holds an outage.

const tz = "Europe/Berlin";
const ids = { building: "b1", floor: "f1", bigRoom: "z1", smallRoom: "z2" };
const period = { from: "2026-03-23", to: "2026-03-29" }; // Monday to the Sunday of the change
const settings = RIGHT_SIZING;
const hours = { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 18 * 60 };
const now = Date.UTC(2026, 3, 10);

async function seed(db: Db) {
  await db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
  await db.location.createMany({
    data: [
      { id: "root", tenantId: "t1", name: "Root", type: "ROOT" },
      {
        id: "b1",
        tenantId: "t1",
        parentId: "root",
        name: "HQ",
        type: "BUILDING",
        capacity: WEEK_CAPACITY.building,
        timeZone: tz,
      },
      { id: "f1", tenantId: "t1", parentId: "b1", name: "Floor 1", type: "FLOOR", capacity: WEEK_CAPACITY.floor },
      { id: "z1", tenantId: "t1", parentId: "f1", name: "Big room", type: "ZONE", capacity: WEEK_CAPACITY.bigRoom },
      { id: "z2", tenantId: "t1", parentId: "f1", name: "Small room", type: "ZONE", capacity: WEEK_CAPACITY.smallRoom },
    ],
  });
  // Hours either side of the week, so the window's edges matter.
  const all = weekBuckets(ids, Date.UTC(2026, 2, 22, 20), Date.UTC(2026, 2, 30, 1), tz);
  for (let i = 0; i < all.length; i += 2000) await writeBuckets(db, all.slice(i, i + 2000));
  return all;
}

/** Tenant t1's insights for the week, everything it holds or only `scopeId` and below. */
const insightsOf = (db: Db, scopeId: string | null = null) =>
  loadInsights(db, {
    tenantId: "t1",
    scopeId,
    visible: null,
    period,
    hours,
    rightSizing: settings,
    now,
    fallbackTimeZone: "UTC",
  });

describe.each(["sqlite", "postgresql"] as const)("insights summed in %s", (kind) => {
  let db: Db;
  let dir: string | undefined;
  let pgDb: TempPgDatabase | undefined;
  let rows: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    let url: string;
    if (kind === "sqlite") {
      dir = tempDir();
      url = `file:${join(dir, "t.db")}`;
    } else {
      pgDb = await createTempPgDatabase("floorpulse_insights");
      url = pgDb.url;
    }
    await applyMigrations(ROOT, url);
    db = createDb(url);
    rows = await seed(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    if (dir) removeDir(dir);
    await pgDb?.drop();
  });

  it("sums each quarter hour as JavaScript does", async () => {
    const w = periodWindow(period, tz, now);
    const got = await readSlots(db, Object.values(ids), w.from, w.to);
    const inWindow = rows.filter((r) => r.bucket >= w.from && r.bucket < w.to);
    const cap: Record<string, number> = {
      b1: WEEK_CAPACITY.building,
      f1: WEEK_CAPACITY.floor,
      z1: WEEK_CAPACITY.bigRoom,
      z2: WEEK_CAPACITY.smallRoom,
    };
    const want = Object.values(ids).flatMap((id) =>
      slotsFromMinutes(
        id,
        inWindow
          .filter((r) => r.locationId === id)
          .map((r) => ({ t: r.bucket, sum: r.sum, seconds: r.seconds, max: r.max })),
        cap[id]!,
      ),
    );
    const key = (s: { locationId: string; t: number }) => `${s.locationId}|${s.t}`;
    expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
    expect(got.length).toBe(4 * (7 * 24 - 1) * 4 - 4 * 4); // a 167-hour week, less the outage hour
  });

  it("loads figures and suggestions for the week on the building's clock", async () => {
    const got = await insightsOf(db);
    expect(got.locations.map((l) => l.id).sort()).toEqual(["b1", "f1", "z1", "z2"]);
    const big = got.locations.find((l) => l.id === "z1")!;
    // Five days of 10 working hours, less Wednesday's lost hour.
    expect(big).toMatchObject({ timeZone: tz, workingMinutes: 3000, dataMinutes: 2940, peak: 6 });
    const small = got.locations.find((l) => l.id === "z2")!;
    expect(small.timeUsed).toBeCloseTo((5 * 360 - 60) / 2940, 4);
    expect(small.fullShare).toBe(small.timeUsed);
    expect(got.groups.z1).toEqual({ meetings: 21, groupSize: 4, largest: 6 });
    expect(got.suggestions.map((s) => [s.kind, s.locationId])).toEqual([
      ["oversized", "z1"],
      ["often_full", "z2"],
      ["consolidate_floor", "f1"],
    ]);
    // The heat grid reads Berlin's clock on both sides of the change: 09:00 on Monday is 3 people.
    expect(big.heat[9]).toBe(2.3); // 3 people for 45 of its 60 minutes
    expect(big.heat[4 * 24 + 10]).toBe(3); // Friday 10:00–10:30: 6 people
    const viaPure = computeFigures(
      [{ ...big, ...periodWindow(period, tz, now) }],
      slotsFromMinutes(
        "z1",
        rows
          .filter((r) => r.locationId === "z1")
          .map((r) => ({ t: r.bucket, sum: r.sum, seconds: r.seconds, max: r.max })),
        WEEK_CAPACITY.bigRoom,
      ),
      hours,
    );
    expect(viaPure[0]).toEqual(big);
  });

  it("never shows another tenant's locations or minutes", async () => {
    await db.tenant.create({ data: { id: "t2", partnerTenantId: "p2", name: "Other" } });
    await db.location.create({ data: { id: "x1", tenantId: "t2", name: "Other room", type: "ZONE", capacity: 4 } });
    await writeBuckets(
      db,
      weekBuckets(
        { building: "x1", floor: "x1", bigRoom: "x1", smallRoom: "x1" },
        Date.UTC(2026, 2, 23, 8),
        Date.UTC(2026, 2, 23, 12),
        tz,
      ),
    );
    const mine = await insightsOf(db);
    expect(mine.locations.map((l) => l.id)).not.toContain("x1");
    // Asking for the other tenant's location as a scope finds nothing of it (the route answers 404 before this).
    const theirs = await insightsOf(db, "x1");
    expect(theirs.locations).toEqual([]);
  });

  it("keeps to the scope it is given", async () => {
    const got = await insightsOf(db, "f1");
    expect(got.locations.map((l) => l.id).sort()).toEqual(["f1", "z1", "z2"]);
  });
});
