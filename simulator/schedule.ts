import { h4, u } from "./hash";
import type { Person } from "./people";

// When each person is in the building, as local-time intervals of one local day. Intervals may run
// past midnight (night shifts), so presence on a day also checks the day before.

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Local weekday of a local day number (day 0 = 1970-01-01, a Thursday); 0 = Sunday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const wd = weekday(day);
  return wd === 0 || wd === 6;
}

/** Presence intervals [start, end) in local epoch ms for a person's local day. */
export function intervalsOn(p: Person, day: number): number[] {
  const r = (k: number) => u(h4(p.key, day, k, 31));
  const at = (h: number) => day * DAY + Math.round(h * HOUR);
  const jitter = (k: number) => (r(k) - 0.5) * 20 * MIN;
  const weekend = isWeekend(day);
  switch (p.role) {
    case "staff": {
      if (weekend ? r(1) > 0.08 : r(1) < 0.05) return [];
      const arrive = weekend ? at(8 + r(2) * 3) : at(6.75 + Math.pow(r(2), 1.3) * 3.25);
      const leave = weekend ? arrive + Math.round((3 + r(3) * 3) * HOUR) : at(16.5 + r(3) * 2.5);
      if (!weekend && r(4) < 0.15) {
        const out = at(12 + r(5));
        return [arrive, out, out + Math.round((30 + r(6) * 30) * MIN), leave];
      }
      return [arrive, leave];
    }
    case "parttime":
      if (weekend) return [];
      return p.ordinal % 2 === 0 ? [at(8 + r(2) * 1.5), at(13 + r(3))] : [at(11.5 + r(2)), at(17 + r(3) * 2)];
    case "guest":
      if (weekend || r(1) > 0.7) return [];
      return [at(11.75 + r(2) * 0.5), at(13 + r(3))];
    case "security":
      return p.ordinal % 2 === 0 ? [at(7) + jitter(2), at(19) + jitter(3)] : [at(18.5) + jitter(2), at(31) + jitter(3)];
    case "lab":
      return p.ordinal % 2 === 0
        ? [at(6) + jitter(2), at(18) + jitter(3)]
        : [at(17.5) + jitter(2), at(30.5) + jitter(3)];
    case "cleaner":
      return p.ordinal % 2 === 0
        ? [at(19) + jitter(2), at(27) + jitter(3)]
        : [at(23) + jitter(2), at(31.5) + jitter(3)];
  }
}

/** Per-person cache of the intervals of two consecutive local days (day - 1 and day). */
export interface ScheduleCache {
  /** The presence interval containing a local time: its start (local ms), or NaN when absent. */
  intervalAt(p: Person, local: number): number;
}

export function createScheduleCache(count: number): ScheduleCache {
  const days = new Float64Array(count).fill(NaN);
  const cached: number[][] = new Array<number[]>(count);
  return {
    intervalAt(p, local) {
      const day = Math.floor(local / DAY);
      if (days[p.index] !== day) {
        days[p.index] = day;
        cached[p.index] = [...intervalsOn(p, day - 1), ...intervalsOn(p, day)];
      }
      const iv = cached[p.index]!;
      for (let i = 0; i < iv.length; i += 2) if (local >= iv[i]! && local < iv[i + 1]!) return iv[i]!;
      return NaN;
    },
  };
}

/** Whole days since the person's previous visit began (0 for a second visit the same day). */
export function daysSinceLastVisit(p: Person, visitStartLocal: number): number {
  const day = Math.floor(visitStartLocal / DAY);
  const earlier = [...intervalsOn(p, day - 1), ...intervalsOn(p, day)];
  for (let i = 0; i < earlier.length; i += 2)
    if (earlier[i + 1]! <= visitStartLocal && earlier[i + 1]! > visitStartLocal - DAY / 2) return 0;
  for (let k = 1; k <= 14; k++) if (intervalsOn(p, day - k).length) return k;
  return 0;
}
