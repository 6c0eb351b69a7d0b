// Simulated time. Records carry simulated time; tokens and HTTP use the wall clock.
// speed 1 (the default) makes simulated time the wall clock, so the app's freshness checks hold;
// speed N runs the building N times faster; "max" streams as fast as a client reads.

export type Speed = number | "max";

export interface SimClock {
  /** Simulated time now (epoch ms). In full-speed mode this is the wall clock. */
  now(): number;
  /** Wall-clock ms until simulated time reaches `simMs` (0 when it has). */
  wallMsUntil(simMs: number): number;
  readonly speed: Speed;
}

export function createSimClock(wallNow: () => number, speed: Speed, startAt?: number): SimClock {
  const wall0 = wallNow();
  const sim0 = startAt ?? wall0;
  const factor = speed === "max" ? 1 : speed;
  return {
    speed,
    now: () => (speed === "max" && startAt === undefined ? wallNow() : sim0 + (wallNow() - wall0) * factor),
    wallMsUntil(simMs) {
      const left = simMs - (sim0 + (wallNow() - wall0) * factor);
      return left <= 0 ? 0 : Math.ceil(left / factor);
    },
  };
}

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** UTC offset (ms) of an IANA time zone at an instant, cached per hour. */
export function tzOffset(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const key = `${timeZone}|${hour}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const at = hour * HOUR;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = local - at;
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Local wall time `yyyy-MM-ddTHH:mm:ss` (no offset), as Cisco's *DateTime fields read. */
export function localDateTime(timeZone: string, ms: number): string {
  return new Date(ms + tzOffset(timeZone, ms)).toISOString().slice(0, 19);
}
