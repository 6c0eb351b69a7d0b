import { describe, expect, it } from "vitest";
import {
  computeFigures,
  slotsFromMinutes,
  workingMinutesIn,
  type FigureLocation,
  type MinuteRow,
} from "@/lib/insights/figures";
import { formatWorkingHours, localClock, parseWorkingHours, type WorkingHours } from "@/lib/insights/hours";

// Every utilization figure on hand-made minute series: a plain day, a day with a hole in the data,
// and a week across the spring daylight-saving change in Berlin.

const MIN = 60_000;
const officeHours: WorkingHours = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60 };

/** One row per minute of [from, from + n min) holding `count` for the whole minute. */
const held = (from: number, n: number, count: number): MinuteRow[] =>
  Array.from({ length: n }, (_, i) => ({ t: from + i * MIN, sum: count * 60, seconds: 60, max: count }));

const loc = (over: Partial<FigureLocation> & Pick<FigureLocation, "from" | "to">): FigureLocation => ({
  id: "r1",
  name: "Room 1",
  type: "ZONE",
  parentId: "f1",
  capacity: 10,
  timeZone: "UTC",
  ...over,
});

describe("working hours", () => {
  it("reads and writes the words people type", () => {
    expect(parseWorkingHours("Mon-Fri 08:00-18:00")).toEqual({ days: [1, 2, 3, 4, 5], start: 480, end: 1080 });
    expect(parseWorkingHours("Sat-Mon 10:00-14:30")).toEqual({ days: [1, 6, 7], start: 600, end: 870 });
    expect(formatWorkingHours({ days: [1, 3, 5], start: 540, end: 1050 })).toBe("Mon,Wed,Fri 09:00-17:30");
    expect(parseWorkingHours("Mon-Fri 18:00-08:00")).toBeNull();
    expect(parseWorkingHours("weekdays")).toBeNull();
    expect(parseWorkingHours("Mon-Fri 08:10-18:00")).toBeNull(); // not on the quarter hour
  });

  it("follows the building's clock across the spring-forward night", () => {
    const clock = localClock("Europe/Berlin");
    // Sunday 29 March 2026: 01:59 CET is 00:59 UTC; one minute later it is 03:00 CEST.
    expect(clock(Date.UTC(2026, 2, 29, 0, 59))).toMatchObject({ weekday: 7, minute: 1 * 60 + 59 });
    expect(clock(Date.UTC(2026, 2, 29, 1, 0))).toMatchObject({ weekday: 7, minute: 3 * 60 });
    expect(clock(Date.UTC(2026, 2, 30, 7, 0))).toMatchObject({ weekday: 1, minute: 9 * 60, date: "2026-03-30" });
  });
});

describe("utilization figures", () => {
  const monday = Date.UTC(2026, 10, 30); // Monday 30 November 2026
  const at = (h: number, m = 0) => monday + (h * 60 + m) * MIN;
  /** The figures of room r1 (capacity 10) over the whole Monday, from these minute rows. */
  const mondayFigures = (rows: MinuteRow[]) =>
    computeFigures([loc({ from: monday, to: monday + 24 * 60 * MIN })], slotsFromMinutes("r1", rows, 10), officeHours);

  it("averages over working minutes, takes the peak, and divides by capacity", () => {
    const rows = [...held(at(9), 120, 4), ...held(at(11), 360, 0), ...held(at(20), 60, 8)];
    const [f] = mondayFigures(rows);
    expect(f).toMatchObject({
      workingMinutes: 480,
      dataMinutes: 480,
      average: 1,
      peak: 4,
      utilization: 0.1,
      peakUtilization: 0.4,
      timeUsed: 0.25,
      coverage: 1,
      fullShare: 0,
    });
    // The evening is outside working hours: not in the figures, but in the heat grid.
    expect(f!.heat[20]).toBe(8);
    expect(f!.heat[9]).toBe(4);
    expect(f!.heat[12]).toBe(0);
    expect(f!.heat[24 + 9]).toBeNull(); // Tuesday: no data
  });

  it("leaves minutes without data out of average and time used, and says how much is missing", () => {
    // 13:00–15:00 never arrived (an outage): 360 working minutes with data.
    const rows = [...held(at(9), 120, 4), ...held(at(11), 120, 0), ...held(at(15), 120, 0)];
    const [f] = mondayFigures(rows);
    expect(f).toMatchObject({ workingMinutes: 480, dataMinutes: 360, peak: 4, coverage: 0.75 });
    expect(f!.average).toBeCloseTo(480 / 360, 2);
    expect(f!.timeUsed).toBeCloseTo(120 / 360, 4);
    expect(f!.heat[13]).toBeNull();
    expect(f!.heat[14]).toBeNull();
  });

  it("weights by seconds held, counts full minutes, and has no ratios without capacity", () => {
    const rows: MinuteRow[] = [
      { t: at(9), sum: 10 * 30 + 2 * 30, seconds: 60, max: 10 }, // 10 people for half the minute, then 2
      { t: at(9, 1), sum: 2 * 20, seconds: 20, max: 2 }, // only 20 s of data
    ];
    const [withCap, noCap] = computeFigures(
      [loc({ from: at(9), to: at(9, 2) }), loc({ id: "r2", capacity: null, from: at(9), to: at(9, 2) })],
      [...slotsFromMinutes("r1", rows, 10), ...slotsFromMinutes("r2", rows, null)],
      officeHours,
    );
    expect(withCap).toMatchObject({
      workingMinutes: 2,
      dataMinutes: 2,
      average: 5,
      peak: 10,
      utilization: 0.5,
      fullShare: 0.5,
      timeUsed: 1,
    });
    expect(noCap).toMatchObject({ average: 5, peak: 10, utilization: null, peakUtilization: null, fullShare: null });
  });

  it("has no figures, and no pretend zeros, for a location without data", () => {
    const [f] = computeFigures([loc({ from: monday, to: monday + 24 * 60 * MIN })], [], officeHours);
    expect(f).toMatchObject({
      workingMinutes: 480,
      dataMinutes: 0,
      average: null,
      peak: null,
      utilization: null,
      timeUsed: null,
      coverage: 0,
    });
    expect(f!.heat.every((v) => v === null)).toBe(true);
  });

  it("counts a DST week's working minutes and files every hour under the building's own clock", () => {
    const tz = "Europe/Berlin";
    // Monday 23 March 00:00 CET to Monday 30 March 00:00 CEST: 7 days less the hour skipped on Sunday.
    const from = Date.UTC(2026, 2, 22, 23);
    const to = Date.UTC(2026, 2, 29, 22);
    const allDay: WorkingHours = { days: [1, 2, 3, 4, 5, 6, 7], start: 0, end: 1440 };
    expect(workingMinutesIn(from, to, tz, allDay)).toBe(7 * 1440 - 60);
    // The week after, Mon 30 March to Fri 3 April, plus the Friday before: 09:00–10:00 local every day.
    const nineLocal = [
      Date.UTC(2026, 2, 27, 8),
      ...[30, 31].map((d) => Date.UTC(2026, 2, d, 7)),
      ...[1, 2, 3].map((d) => Date.UTC(2026, 3, d, 7)),
    ];
    const rows = nineLocal.flatMap((t) => held(t, 60, 6));
    const week = { from: Date.UTC(2026, 2, 26, 23), to: Date.UTC(2026, 3, 3, 22) }; // Fri 27 March … Fri 3 April, local days
    const [f] = computeFigures([loc({ timeZone: tz, ...week })], slotsFromMinutes("r1", rows, 10), officeHours);
    // Six working days of 8 h each, whatever the offset; an hour of six people in each.
    expect(f).toMatchObject({ workingMinutes: 6 * 480, dataMinutes: 6 * 60, peak: 6, average: 6, timeUsed: 1 });
    for (const weekday of [1, 2, 3, 4, 5]) {
      expect(f!.heat[(weekday - 1) * 24 + 9]).toBe(6);
      expect(f!.heat[(weekday - 1) * 24 + 8]).toBeNull();
      expect(f!.heat[(weekday - 1) * 24 + 10]).toBeNull();
    }
  });
});
