import { canonicalTimeZone } from "@/lib/time/zone";

// Calendar arithmetic in a named time zone with Intl only: "the same weekday" and "today" must
// follow the building's clock across daylight-saving changes.

// Formatters are kept per canonical zone only (a few hundred at most): "utc", "Etc/UTC" and "UTC" are one.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (raw: string) => {
  const tz = canonicalTimeZone(raw);
  if (!tz) throw new RangeError(`Invalid time zone: ${raw.slice(0, 64)}`);
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
};

/** How many formatters are cached (one per canonical zone). */
export const cachedZoneCount = () => formatters.size;

export function isTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}

/** Wall-clock fields of an instant in a zone. */
function wall(ms: number, tz: string) {
  const parts = formatter(tz).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute"), s: get("second") };
}

/** How far the zone's clock is ahead of UTC at an instant, ms. */
export function offsetMs(ms: number, tz: string): number {
  const w = wall(ms, tz);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant showing wall time `wallUtc` (fields read as if UTC) in the zone. */
function fromWall(wallUtc: number, tz: string): number {
  let guess = wallUtc - offsetMs(wallUtc, tz);
  guess = wallUtc - offsetMs(guess, tz);
  return guess;
}

/** Local midnight starting the day that contains `ms`. */
export function startOfDay(ms: number, tz: string): number {
  const w = wall(ms, tz);
  return fromWall(Date.UTC(w.y, w.mo - 1, w.d), tz);
}

/** The same wall-clock time `days` days later (negative: earlier). */
export function addDays(ms: number, days: number, tz: string): number {
  return ms + days * 86_400_000 + (offsetMs(ms, tz) - offsetMs(ms + days * 86_400_000, tz));
}

/** The daylight-saving change inside [from, to), if any: its first instant on the new offset and how far the clock jumped (negative when it went back). */
export function clockChange(from: number, to: number, tz: string): { at: number; ms: number } | null {
  const before = offsetMs(from, tz);
  const after = offsetMs(to - 1, tz);
  if (before === after) return null;
  let lo = from; // on the old offset
  let hi = to - 1; // on the new one
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(mid, tz) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi, ms: after - before };
}
