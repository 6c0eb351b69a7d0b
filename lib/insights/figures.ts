import { isWorking, localClock, SLOT_MS, type WorkingHours } from "./hours";
import type { LocationFigures } from "./schema";

export type { LocationFigures };

// Utilization figures from quarter-hour aggregates of the "shown" minute rollups. Pure: the store
// sums the minutes of each quarter hour in SQL (lib/store/insights.ts), this turns them into what
// the insights page shows and defines. A minute without a row is a minute without data: it is left
// out of averages and shares, never counted as empty.

const MINUTE_MS = 60_000;

/** The shown minutes of one location inside one quarter hour (UTC-aligned, so local-aligned too). */
export interface Slot {
  locationId: string;
  /** Start of the quarter hour, epoch ms. */
  t: number;
  /** Minutes with data. */
  minutes: number;
  /** Count × seconds held, and seconds held: their ratio is the time-weighted average. */
  sum: number;
  seconds: number;
  /** Highest count at any moment. */
  max: number;
  /** Minutes in which anyone was there (the minute's maximum above zero). */
  used: number;
  /** Minutes at or over capacity (0 when the location has none). */
  full: number;
}

export interface MinuteRow {
  t: number;
  sum: number;
  seconds: number;
  max: number;
}

/** What the SQL in lib/store/insights.ts computes, in JavaScript: for tests and small inputs. */
export function slotsFromMinutes(locationId: string, rows: MinuteRow[], capacity: number | null): Slot[] {
  const bySlot = new Map<number, Slot>();
  for (const r of rows) {
    const t = Math.floor(r.t / SLOT_MS) * SLOT_MS;
    let s = bySlot.get(t);
    if (!s) bySlot.set(t, (s = { locationId, t, minutes: 0, sum: 0, seconds: 0, max: 0, used: 0, full: 0 }));
    s.minutes++;
    s.sum += r.sum;
    s.seconds += r.seconds;
    s.max = Math.max(s.max, r.max);
    if (r.max > 0) s.used++;
    if (capacity !== null && r.max >= capacity) s.full++;
  }
  return [...bySlot.values()].sort((a, b) => a.t - b.t);
}

export interface FigureLocation {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  capacity: number | null;
  /** The building's IANA zone (inherited down the hierarchy). */
  timeZone: string;
  /** The period on this building's calendar: [from, to), epoch ms, `to` capped at now. */
  from: number;
  to: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number | null) => (b ? round(a / b, 4) : null);

/** Minutes of [from, to) inside working hours on a zone's clock. */
export function workingMinutesIn(from: number, to: number, tz: string, hours: WorkingHours): number {
  const clock = localClock(tz);
  let n = 0;
  for (let t = Math.floor(from / SLOT_MS) * SLOT_MS; t < to; t += SLOT_MS) {
    const start = Math.max(t, from);
    const end = Math.min(t + SLOT_MS, to);
    if (end > start && isWorking(hours, clock(t))) n += Math.floor((end - start) / MINUTE_MS);
  }
  return n;
}

/** Figures for every location from its slots. */
export function computeFigures(locations: FigureLocation[], slots: Slot[], hours: WorkingHours): LocationFigures[] {
  const byLocation = new Map<string, Slot[]>();
  for (const s of slots) {
    let list = byLocation.get(s.locationId);
    if (!list) byLocation.set(s.locationId, (list = []));
    list.push(s);
  }
  const clocks = new Map<string, ReturnType<typeof localClock>>();
  const working = new Map<string, number>();
  return locations.map((l) => {
    let clock = clocks.get(l.timeZone);
    if (!clock) clocks.set(l.timeZone, (clock = localClock(l.timeZone)));
    const wKey = `${l.timeZone}|${l.from}|${l.to}`;
    let workingMinutes = working.get(wKey);
    if (workingMinutes === undefined)
      working.set(wKey, (workingMinutes = workingMinutesIn(l.from, l.to, l.timeZone, hours)));
    let minutes = 0,
      sum = 0,
      seconds = 0,
      used = 0,
      full = 0;
    let peak: number | null = null;
    const heatSum = new Array<number>(7 * 24).fill(0);
    const heatSec = new Array<number>(7 * 24).fill(0);
    for (const s of byLocation.get(l.id) ?? []) {
      if (s.t < l.from || s.t >= l.to) continue;
      const local = clock(s.t);
      const cell = (local.weekday - 1) * 24 + Math.floor(local.minute / 60);
      heatSum[cell] = heatSum[cell]! + s.sum;
      heatSec[cell] = heatSec[cell]! + s.seconds;
      if (!isWorking(hours, local)) continue;
      minutes += s.minutes;
      sum += s.sum;
      seconds += s.seconds;
      used += s.used;
      full += s.full;
      peak = Math.max(peak ?? 0, s.max);
    }
    const average = seconds > 0 ? round(sum / seconds, 2) : null;
    const { from: _from, to: _to, ...place } = l;
    return {
      ...place,
      workingMinutes,
      dataMinutes: minutes,
      average,
      peak,
      utilization: average === null ? null : ratio(average, l.capacity),
      peakUtilization: peak === null ? null : ratio(peak, l.capacity),
      timeUsed: minutes ? ratio(used, minutes) : null,
      fullShare: minutes && l.capacity ? ratio(full, minutes) : null,
      coverage: workingMinutes ? ratio(Math.min(minutes, workingMinutes), workingMinutes) : null,
      heat: heatSum.map((s, i) => (heatSec[i]! > 0 ? round(s / heatSec[i]!, 1) : null)),
    };
  });
}
