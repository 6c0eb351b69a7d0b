import { clockChange } from "./tz";

// "The same weekday" lines up by the building's wall clock: 12:30 on a Sunday after the clocks went back
// is compared with 12:30 on the Sundays before, not with whatever was 12 h 30 min after their midnight.
// A day's rows are placed by wall time since its local midnight; an hour the clock repeats counts once
// (its first pass), and an hour it skips has no rows.

export interface WallDay {
  from: number;
  to: number;
  /** The clock change inside the day, if any. */
  change: { at: number; ms: number } | null;
}

export function wallDay(from: number, to: number, tz: string): WallDay {
  return { from, to, change: clockChange(from, to, tz) };
}

/** The stretch of a fall-back day whose wall times repeat the hour before: left out, never counted twice. */
export function repeated(d: WallDay): { from: number; to: number } | null {
  return d.change && d.change.ms < 0 ? { from: d.change.at, to: d.change.at - d.change.ms } : null;
}

/** Milliseconds of wall-clock time since the day's local midnight at instant `t`. */
export function wallMs(d: WallDay, t: number): number {
  return t - d.from + (d.change && t >= d.change.at ? d.change.ms : 0);
}

/** For each of the day's `bins` elapsed bins, the wall-clock bin it shows. */
export function wallBinsOf(d: WallDay, binMs: number, bins: number): number[] {
  return Array.from({ length: bins }, (_, k) => Math.floor(wallMs(d, d.from + k * binMs) / binMs));
}
