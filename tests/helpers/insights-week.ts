import { localClock } from "../../lib/insights/hours";
import type { RightSizingSettings } from "../../lib/insights/schema";
import type { Bucket } from "../../lib/occupancy/rollup";

// A working week of minute rollups with a known shape, on a building's own clock: a 12-seat room
// used by small groups, a 4-seat room full most of the day, a floor far under its capacity, and an
// hour on Wednesday with no data at all (an outage).

const MIN = 60_000;

export interface WeekIds {
  building: string;
  floor: string;
  bigRoom: string;
  smallRoom: string;
}

/** The right-sizing thresholds the insights tests reason with (written out: the tests must not move with the defaults). */
export const RIGHT_SIZING: RightSizingSettings = {
  minMeetingMinutes: 5,
  meetingGapMinutes: 1,
  minMeetings: 5,
  groupPercentile: 95,
  oversizedShare: 0.5,
  fullShare: 0.1,
  floorPeakShare: 0.5,
  minDataHours: 8,
};

export const WEEK_CAPACITY = { building: 200, floor: 100, bigRoom: 12, smallRoom: 4 };

/** Count in each room at a local weekday (1 = Monday) and minute of the day. */
export function weekCounts(
  weekday: number,
  minute: number,
): { bigRoom: number; smallRoom: number; floorOthers: number } {
  if (weekday > 5) return { bigRoom: 0, smallRoom: 0, floorOthers: 0 };
  const between = (h1: number, m1: number, h2: number, m2: number) => minute >= h1 * 60 + m1 && minute < h2 * 60 + m2;
  let bigRoom = 0;
  if (between(9, 0, 9, 45)) bigRoom = 3;
  else if (between(11, 0, 11, 30)) bigRoom = 4;
  else if (between(14, 0, 15, 0)) bigRoom = 2;
  else if (between(16, 0, 16, 30)) bigRoom = weekday % 2 ? 3 : 4;
  else if (weekday === 5 && between(10, 0, 10, 30)) bigRoom = 6;
  const smallRoom = between(10, 0, 16, 0) ? 4 : 0;
  const floorOthers = between(8, 30, 17, 30) ? 10 : 0;
  return { bigRoom, smallRoom, floorOthers };
}

/** Whether a local minute lies in the Wednesday outage. */
export const inOutage = (weekday: number, minute: number) => weekday === 3 && minute >= 13 * 60 && minute < 14 * 60;

const row = (locationId: string, t: number, c: number): Bucket => ({
  locationId,
  series: "shown",
  label: "camera",
  bucket: t,
  min: c,
  max: c,
  last: c,
  sum: c * 60,
  seconds: 60,
});

/** Every minute of [from, to) for the four locations, except the outage. */
export function weekBuckets(ids: WeekIds, from: number, to: number, tz: string): Bucket[] {
  const clock = localClock(tz);
  const out: Bucket[] = [];
  for (let t = from; t < to; t += MIN) {
    const { weekday, minute } = clock(t);
    if (inOutage(weekday, minute)) continue;
    const c = weekCounts(weekday, minute);
    const floor = c.bigRoom + c.smallRoom + c.floorOthers;
    out.push(
      row(ids.bigRoom, t, c.bigRoom),
      row(ids.smallRoom, t, c.smallRoom),
      row(ids.floor, t, floor),
      row(ids.building, t, floor),
    );
  }
  return out;
}
