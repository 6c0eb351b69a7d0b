import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "@/lib/history/build";
import { countsAt, positionsAt, retainedSpan } from "@/lib/history/positions";
import { loadHistory, recentShown, windowFor } from "@/lib/history/query";
import { historyCsv, localIso } from "@/lib/history/table";
import { parseCsv } from "@/lib/history/csv";
import type { Db } from "@/lib/store/db";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";

const tz = "UTC";
const DAY = 24 * 60 * MINUTE_MS;
const TODAY = Date.UTC(2026, 2, 9); // Monday
const NOW = TODAY + 10 * 60 * MINUTE_MS + 30_000; // 10:00:30

describe("history queries over stored minute rows", () => {
  let temp: TempSqliteDatabase | undefined;
  let db: Db;

  const sample = (
    locationId: string,
    bucket: number,
    count: number,
    source = "shown",
    label: string | null = "camera",
    max = count,
  ) =>
    db.occupancySample.create({
      data: {
        locationId,
        bucket: new Date(bucket),
        source,
        label,
        min: count,
        max,
        last: count,
        sum: count * 60,
        seconds: 60,
      },
    });

  beforeAll(async () => {
    temp = await createTempSqliteDatabase("h.db");
    db = temp.db;
    await db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
    await db.location.create({ data: { id: "f1", tenantId: "t1", name: "Floor 1", type: "FLOOR" } });
    // Today 09:00-09:59: 20 people, a peak of 31 at 09:30; camera series beside it.
    for (let m = 0; m < 60; m++) {
      await sample("f1", TODAY + (9 * 60 + m) * MINUTE_MS, m === 30 ? 25 : 20, "shown", "camera", m === 30 ? 31 : 20);
      await sample("f1", TODAY + (9 * 60 + m) * MINUTE_MS, 19, "camera", null);
    }
    // The three Mondays before: 10, (nothing), 30 at 09:00.
    await sample("f1", TODAY - 7 * DAY + 9 * 60 * MINUTE_MS, 10);
    await sample("f1", TODAY - 21 * DAY + 9 * 60 * MINUTE_MS, 30);
    // Another location must never leak in.
    await sample("f2", TODAY + 9 * 60 * MINUTE_MS, 99);
    await db.positionSample.create({
      data: { locationId: "f1", at: new Date(TODAY + 9 * 60 * MINUTE_MS + 5_000), points: "[[1,10.5,20],[2,30,40]]" },
    });
    await db.positionSample.create({
      data: { locationId: "f1", at: new Date(TODAY + 9 * 60 * MINUTE_MS + 65_000), points: "[[1,11,21]]" },
    });
  });

  afterAll(async () => {
    await temp?.drop();
  });

  it("shows today against the average of the previous same weekdays that have data", async () => {
    const h = await loadHistory(db, { locationId: "f1", range: "day", tz, now: NOW });
    expect(windowFor({ range: "day", tz, now: NOW })).toEqual({ from: TODAY, to: TODAY + DAY });
    expect(h.typical).toEqual({ weeks: 2, weekStarts: [TODAY - 7 * DAY, TODAY - 21 * DAY] });
    const nine = h.rows.find((r) => r.t === TODAY + 9 * 60 * MINUTE_MS);
    expect(nine?.values).toMatchObject({ shown: 20, camera: 19, typical: 20 });
    expect(h.stats.shown!.peak).toEqual({ value: 31, at: TODAY + (9 * 60 + 30) * MINUTE_MS });
    expect(h.stats.shown!.average).toBeCloseTo((59 * 20 + 25) / 60, 1);
  });

  it("exports as CSV exactly the rows the chart draws for the visible series", async () => {
    const h = await loadHistory(db, { locationId: "f1", range: "day", tz, now: NOW });
    const rows = parseCsv(historyCsv(h, ["shown"]));
    expect(rows[0]).toEqual(["time", "shown (average count)", "shown source"]);
    expect(rows).toHaveLength(61);
    expect(rows[31]).toEqual([localIso(TODAY + (9 * 60 + 30) * MINUTE_MS, tz), "25", "camera"]);
  });

  it("shows the last hour up to now", async () => {
    const h = await loadHistory(db, { locationId: "f1", range: "hour", tz, now: NOW });
    expect(h.to).toBe(TODAY + 10 * 60 * MINUTE_MS + MINUTE_MS);
    expect(h.rows.filter((r) => r.values.shown !== null).length).toBe(59);
  });

  it("reads every floor's last hour for the sparklines in one query", async () => {
    const r = await recentShown(db, ["f1", "f2"], NOW);
    expect(r.f1).toHaveLength(59);
    expect(r.f2).toBeUndefined(); // 09:00 is more than an hour before 10:00:30
  });

  it("says where devices were and what the count read at a past moment", async () => {
    const at = TODAY + 9 * 60 * MINUTE_MS + 40_000;
    expect(await positionsAt(db, "f1", at)).toEqual({
      sampleAt: TODAY + 9 * 60 * MINUTE_MS + 5_000,
      points: [
        [1, 10.5, 20],
        [2, 30, 40],
      ],
    });
    expect((await positionsAt(db, "f1", TODAY + 9 * 60 * MINUTE_MS + 70_000)).points).toEqual([[1, 11, 21]]);
    expect(await positionsAt(db, "f1", TODAY)).toEqual({ sampleAt: null, points: [] });
    expect(await countsAt(db, ["f1"], TODAY + (9 * 60 + 30) * MINUTE_MS + 10_000)).toEqual({
      f1: { minute: TODAY + (9 * 60 + 30) * MINUTE_MS, count: 25, min: 25, max: 31, label: "camera" },
    });
    expect(await retainedSpan(db, "f1")).toEqual({
      earliest: TODAY - 21 * DAY + 9 * 60 * MINUTE_MS,
      latest: TODAY + 10 * 60 * MINUTE_MS,
    });
  });

  it("time travel reaches no further back than positions are kept", async () => {
    const latest = TODAY + 10 * 60 * MINUTE_MS;
    expect(await retainedSpan(db, "f1", { retentionMs: DAY, now: latest - MINUTE_MS })).toEqual({
      earliest: latest - DAY,
      latest,
    });
    // Measured from now when now is later than the newest record.
    expect(await retainedSpan(db, "f1", { retentionMs: DAY, now: latest + 2 * DAY })).toEqual({
      earliest: latest + DAY,
      latest,
    });
    expect(await retainedSpan(db, "f1", { retentionMs: 100 * DAY, now: latest })).toEqual({
      earliest: TODAY - 21 * DAY + 9 * 60 * MINUTE_MS,
      latest,
    });
  });
});
