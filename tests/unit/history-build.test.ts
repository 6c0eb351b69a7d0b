import { describe, expect, it } from "vitest";
import { buildHistory, MINUTE_MS, type SampleRow } from "@/lib/history/build";
import { parseCsv, toCsv } from "@/lib/history/csv";
import { lttbIndices } from "@/lib/history/lttb";
import { historyCsv, localIso, shownTable } from "@/lib/history/table";
import { addDays, offsetMs, startOfDay } from "@/lib/history/tz";

const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday, 09:00 UTC
const row = (minute: number, count: number, o: Partial<SampleRow> = {}): SampleRow => ({
  source: "shown",
  bucket: T0 + minute * MINUTE_MS,
  label: "camera",
  min: count,
  max: count,
  last: count,
  sum: count * 60,
  seconds: 60,
  ...o,
});

/** The hour from T0 as seen `minutesIn` minutes into it. */
const firstHour = (rows: SampleRow[], minutesIn: number) =>
  buildHistory({
    locationId: "f1",
    range: "hour",
    from: T0,
    to: T0 + 60 * MINUTE_MS,
    rows,
    now: T0 + minutesIn * MINUTE_MS,
  });

describe("LTTB downsampling", () => {
  it("keeps the first, the last and the spike that shapes the line", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const ys = xs.map((i) => (i === 537 ? 100 : 1));
    const idx = lttbIndices(xs, ys, 50);
    expect(idx).toHaveLength(50);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(999);
    expect(idx).toContain(537);
  });

  it("returns every point when there are fewer than asked for", () => {
    expect(lttbIndices([1, 2, 3], [4, 5, 6], 10)).toEqual([0, 1, 2]);
  });
});

describe("building a chart from minute rows", () => {
  it("averages each bin by time held and reports peak and average over the full detail", () => {
    const rows = [
      row(0, 10, { max: 14 }),
      row(1, 20, { sum: 20 * 30, seconds: 30 }),
      row(2, 0),
      row(2, 8, { source: "camera", label: null }),
    ];
    const h = firstHour(rows, 3);
    expect(h.series).toEqual(["shown", "camera"]);
    expect(h.rows.slice(0, 3).map((r) => r.values.shown)).toEqual([10, 20, 0]);
    expect(h.stats.shown!.peak).toEqual({ value: 20, at: T0 + MINUTE_MS });
    // (10*60 + 20*30 + 0*60) / 150 s
    expect(h.stats.shown!.average).toBe(8);
    expect(h.stats.shown!.last).toEqual({ value: 0, at: T0 + 3 * MINUTE_MS, label: "camera" });
    expect(h.stats.camera!.peak).toEqual({ value: 8, at: T0 + 2 * MINUTE_MS });
  });

  it("leaves minutes without data as gaps instead of drawing through them", () => {
    const rows = [row(0, 5), row(1, 5), row(10, 7)];
    const h = firstHour(rows, 11);
    const at = (m: number) => h.rows.find((r) => r.t === T0 + m * MINUTE_MS)?.values.shown;
    expect(at(1)).toBe(5);
    expect(at(2)).toBeNull();
    expect(at(10)).toBe(7);
  });

  it("draws at most 400 points per series over a month and keeps the month's peak visible", () => {
    const rows: SampleRow[] = [];
    for (let m = 0; m < 30 * 24 * 60; m += 1) rows.push(row(m, m === 20_000 ? 90 : 10 + (m % 7)));
    const h = buildHistory({
      locationId: "f1",
      range: "month",
      from: T0,
      to: T0 + 30 * 24 * 60 * MINUTE_MS,
      rows,
      now: T0 + 30 * 24 * 60 * MINUTE_MS,
    });
    expect(h.binMs).toBe(30 * MINUTE_MS);
    expect(h.rows.length).toBeLessThanOrEqual(402);
    expect(h.stats.shown!.peak!.value).toBe(90);
    const drawnMax = Math.max(...h.rows.map((r) => r.values.shown ?? 0));
    expect(drawnMax).toBeGreaterThan(12); // the 30-minute bin holding the spike is among the points drawn
  });

  it("puts the typical same weekday beside the day: the mean of the previous weeks that have data", () => {
    const day = T0 - 9 * 60 * MINUTE_MS; // 00:00 UTC
    const week = 7 * 24 * 60 * MINUTE_MS;
    const prevWeek = (k: number, minute: number, count: number) => ({
      ...row(minute, count),
      bucket: day - k * week + minute * MINUTE_MS,
    });
    const h = buildHistory({
      locationId: "f1",
      range: "day",
      from: day,
      to: day + 24 * 60 * MINUTE_MS,
      rows: [{ ...row(0, 3), bucket: day + 600 * MINUTE_MS }],
      typicalWeeks: [
        { from: day - week, rows: [prevWeek(1, 600, 10), prevWeek(1, 601, 30)] },
        { from: day - 2 * week, rows: [] },
        { from: day - 3 * week, rows: [prevWeek(3, 600, 20)] },
      ],
      now: day + 601 * MINUTE_MS,
    });
    expect(h.typical).toEqual({ weeks: 2, weekStarts: [day - week, day - 3 * week] });
    const at = (m: number) => h.rows.find((r) => r.t === day + m * MINUTE_MS)?.values;
    expect(at(600)).toMatchObject({ shown: 3, typical: 15 });
    expect(at(601)).toMatchObject({ shown: null, typical: 30 });
  });
});

describe("CSV export", () => {
  it("holds exactly the rows and visible series the chart draws", () => {
    const rows = [row(0, 10), row(1, 12), row(0, 4, { source: "wifi_users", label: null })];
    const h = firstHour(rows, 2);
    const table = shownTable(h, ["shown"]);
    expect(table.header).toEqual(["time", "shown (average count)", "shown source"]);
    expect(table.rows).toEqual([
      [localIso(T0, "UTC"), 10, "camera"],
      [localIso(T0 + MINUTE_MS, "UTC"), 12, "camera"],
    ]);
    const parsed = parseCsv(historyCsv(h, ["shown", "wifi_users"]));
    expect(parsed[0]).toEqual(["time", "shown (average count)", "wifi_users (average count)", "shown source"]);
    expect(parsed.slice(1)).toEqual([
      [localIso(T0, "UTC"), "10", "4", "camera"],
      [localIso(T0 + MINUTE_MS, "UTC"), "12", "", "camera"],
    ]);
  });

  it("quotes separators and defuses cells a spreadsheet would run as formulas", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ['say "hi", then', "=SUM(A1)"],
        [null, 1.5],
      ],
    );
    expect(csv).toBe('a,b\r\n"say ""hi"", then",\'=SUM(A1)\r\n,1.5\r\n');
    expect(parseCsv(csv)).toEqual([
      ["a", "b"],
      ['say "hi", then', "'=SUM(A1)"],
      ["", "1.5"],
    ]);
  });
});

describe("calendar days in the building's time zone", () => {
  it("starts the day at local midnight and keeps the wall clock across daylight saving", () => {
    const tz = "Europe/London";
    const summer = Date.UTC(2026, 6, 15, 12, 0); // 13:00 BST
    expect(startOfDay(summer, tz)).toBe(Date.UTC(2026, 6, 14, 23, 0));
    expect(offsetMs(summer, tz)).toBe(60 * MINUTE_MS);
    // Sunday 29 March 2026 the clocks go forward: a week before 09:00 BST Monday is 09:00 GMT.
    const monday = Date.UTC(2026, 2, 30, 8, 0);
    expect(addDays(monday, -7, tz)).toBe(Date.UTC(2026, 2, 23, 9, 0));
  });
});
