import { describe, expect, it } from "vitest";
import type { LocationFigures } from "@/lib/insights/figures";
import type { WorkingHours } from "@/lib/insights/hours";
import { findMeetings, groupStats, percentile, suggestRightSizing } from "@/lib/insights/right-sizing";
import { RIGHT_SIZING } from "../helpers/insights-week";

// Each right-sizing rule fires on the evidence it names, and stays quiet just short of it.

const MIN = 60_000;
const hours: WorkingHours = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60 };
const settings = RIGHT_SIZING;
const monday = Date.UTC(2026, 10, 30);
const at = (h: number, m = 0, day = 0) => monday + ((day * 24 + h) * 60 + m) * MIN;
const run = (from: number, n: number, size: number) =>
  Array.from({ length: n }, (_, i) => ({ t: from + i * MIN, max: i === 1 ? size : 1 }));

const figures = (over: Partial<LocationFigures>): LocationFigures => ({
  id: "r1",
  name: "Room 1",
  type: "ZONE",
  parentId: "f1",
  capacity: 12,
  timeZone: "UTC",
  workingMinutes: 2400,
  dataMinutes: 2400,
  average: 1,
  peak: 6,
  utilization: 0.08,
  peakUtilization: 0.5,
  timeUsed: 0.3,
  fullShare: 0,
  coverage: 1,
  heat: [],
  ...over,
});

describe("meetings", () => {
  it("are runs of occupied working minutes, sized by their largest count", () => {
    const minutes = [
      ...run(at(9), 30, 4),
      ...run(at(10), 3, 9), // three minutes: someone passing through
      ...run(at(11), 10, 3),
      ...run(at(11, 11), 10, 5), // one empty minute after the previous run: the same meeting
      ...run(at(18), 30, 8), // after hours
    ];
    const m = findMeetings(minutes, "UTC", hours, settings);
    expect(m.map((x) => [x.start, x.minutes, x.size])).toEqual([
      [at(9), 30, 4],
      [at(11), 21, 5],
    ]);
  });

  it("takes the group size that a percentile of meetings stay at or under", () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([3, 1, 2, 4], 50)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => (i < 19 ? 4 : 11)),
        95,
      ),
    ).toBe(4);
  });
});

describe("right-sizing rules", () => {
  const twentyMeetings = Array.from({ length: 20 }, (_, i) => ({ start: i, minutes: 30, size: i === 19 ? 11 : 4 }));

  it("calls a room oversized when 95 % of its meetings use under half its seats, with the evidence", () => {
    const [s, ...rest] = suggestRightSizing([figures({})], { r1: groupStats(twentyMeetings, 95) }, settings);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      kind: "oversized",
      locationId: "r1",
      evidence: { meetings: 20, groupSize: 4, largest: 11 },
    });
    expect(s!.reason).toBe("12 seats; 95 % of 20 meetings had 4 people or fewer (largest: 11 people).");
    expect(s!.rule).toContain("at or under 50 % of capacity (6 of 12)");
  });

  it("does not judge a room on too few meetings, too little data, or groups over the share", () => {
    expect(suggestRightSizing([figures({})], { r1: groupStats(twentyMeetings.slice(0, 4), 95) }, settings)).toEqual([]);
    expect(
      suggestRightSizing([figures({ dataMinutes: 479 })], { r1: groupStats(twentyMeetings, 95) }, settings),
    ).toEqual([]);
    const sevens = twentyMeetings.map((m) => ({ ...m, size: 7 }));
    expect(suggestRightSizing([figures({})], { r1: groupStats(sevens, 95) }, settings)).toEqual([]);
  });

  it("flags a room full more often than the threshold", () => {
    const [s] = suggestRightSizing([figures({ fullShare: 0.25, dataMinutes: 600 })], {}, settings);
    expect(s).toMatchObject({ kind: "often_full", evidence: { fullShare: 0.25, dataMinutes: 600 } });
    expect(s!.reason).toBe("At or over its 12 seats for 25 % of 10 h of working time with data.");
    expect(suggestRightSizing([figures({ fullShare: 0.1 })], {}, settings)).toEqual([]);
  });

  it("flags a floor whose peak stays under half its capacity as a consolidation candidate", () => {
    const floor = figures({ id: "f1", name: "Floor 3", type: "FLOOR", capacity: 120, peak: 38, average: 12.5 });
    const [s] = suggestRightSizing([floor], {}, settings);
    expect(s).toMatchObject({ kind: "consolidate_floor", locationId: "f1", evidence: { peak: 38, peakShare: 0.317 } });
    expect(s!.reason).toBe("Never more than 38 people at once, 32 % of its 120 places; 12.5 on average.");
    expect(suggestRightSizing([{ ...floor, peak: 60 }], {}, settings)).toEqual([]);
    expect(suggestRightSizing([{ ...floor, capacity: null }], {}, settings)).toEqual([]);
  });
});
