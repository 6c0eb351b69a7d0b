import { localClock } from "./hours";
import type { Slot } from "./figures";

// The rest of today, forecast: the typical same-weekday curve (the previous weeks' quarter hours on
// the building's clock), scaled by how today has run against it over the last hours, the scaling
// fading back to typical further ahead. The interval is the spread between those weeks. Pure.

export const BINS_PER_DAY = 96;
/** How far back "today so far" is compared with typical. */
export const LOOKBACK_BINS = 8; // 2 h
/** How fast today's deviation fades into the typical curve, in quarter hours (e-folding). */
export const FADE_BINS = 8;
/** Spread of weeks × this is the interval: ~80 % of a normal distribution. */
export const Z80 = 1.2816;

export interface ForecastPoint {
  t: number;
  expected: number;
  low: number | null;
  high: number | null;
}

export interface Forecast {
  /** Quarter hours from now to the end of the building's day. */
  points: ForecastPoint[];
  /** Previous same weekdays with data behind the typical curve. */
  weeks: number;
  /** Today over typical in the last two hours (1: as usual); null without enough of either. */
  ratio: number | null;
}

type Curve = Array<number | null>;

/** Per local date, the average count in each quarter hour of the day (wall clock), from slots. */
export function dayCurves(slots: Slot[], tz: string): Map<string, { weekday: number; curve: Curve; start: number }> {
  const clock = localClock(tz);
  const out = new Map<string, { weekday: number; curve: Curve; start: number }>();
  for (const s of slots) {
    if (s.seconds <= 0) continue;
    const l = clock(s.t);
    let d = out.get(l.date);
    if (!d)
      out.set(
        l.date,
        (d = {
          weekday: l.weekday,
          curve: new Array<number | null>(BINS_PER_DAY).fill(null),
          start: s.t - l.minute * 60_000,
        }),
      );
    d.curve[Math.floor(l.minute / 15)] = s.sum / s.seconds;
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) =>
  xs.length < 2 ? null : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Forecast for the quarter hours from `now` to the end of today. `weeks`: the previous same weekdays'
 * curves; `today`: today's so far; `binStart(b)`: the instant quarter hour b of today starts.
 */
export function forecastToday(i: {
  weeks: Curve[];
  today: Curve;
  nowBin: number;
  binStart: (b: number) => number;
}): Forecast {
  const held = i.weeks.filter((w) => w.some((v) => v !== null));
  const typical: Array<{ m: number; s: number | null } | null> = Array.from({ length: BINS_PER_DAY }, (_, b) => {
    const xs = held.map((w) => w[b]).filter((v): v is number => v !== null && v !== undefined);
    return xs.length ? { m: mean(xs), s: sd(xs) } : null;
  });
  let sumToday = 0;
  let sumTypical = 0;
  let n = 0;
  for (let b = Math.max(0, i.nowBin - LOOKBACK_BINS); b < i.nowBin; b++) {
    const v = i.today[b];
    const t = typical[b];
    if (v === null || v === undefined || !t) continue;
    sumToday += v;
    sumTypical += t.m;
    n++;
  }
  // A quiet hour (under one person on average) says little as a ratio: then today is shifted, not scaled.
  const ratio = n >= 2 && sumTypical >= n ? Math.min(5, Math.max(0.2, sumToday / sumTypical)) : null;
  const shift = n >= 2 && ratio === null ? (sumToday - sumTypical) / n : 0;
  const points: ForecastPoint[] = [];
  for (let b = i.nowBin; b < BINS_PER_DAY; b++) {
    const t = typical[b];
    if (!t) continue;
    const fade = Math.exp(-(b - i.nowBin) / FADE_BINS);
    const expected = Math.max(0, ratio !== null ? t.m * (1 + (ratio - 1) * fade) : t.m + shift * fade);
    const half = t.s === null ? null : Z80 * t.s * (ratio !== null ? 1 + (ratio - 1) * fade : 1);
    points.push({
      t: i.binStart(b),
      expected: r1(expected),
      low: half === null ? null : r1(Math.max(0, expected - half)),
      high: half === null ? null : r1(expected + half),
    });
  }
  return { points, weeks: held.length, ratio: ratio === null ? null : Math.round(ratio * 100) / 100 };
}

/** One sentence for a kiosk: when the next few hours usually turn quieter or busier than now. */
export function forecastSentence(f: Forecast, current: number, tz: string, hoursAhead = 4): string | null {
  // From the next quarter hour: the current one has begun, and "after 14:15" said at 14:20 reads oddly.
  const horizon = f.points.slice(1).filter((p) => p.t <= (f.points[0]?.t ?? 0) + hoursAhead * 3_600_000);
  if (horizon.length < 2 || f.weeks === 0) return null;
  const at = (t: number) =>
    new Date(t).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: tz });
  const base = Math.max(current, 1);
  const quieter = horizon.find((p) => p.expected <= base * 0.6 && p.expected <= current - 2);
  const busier = horizon.find((p) => p.expected >= base * 1.4 && p.expected >= current + 2);
  if (quieter && (!busier || quieter.t < busier.t)) return `Usually quieter after ${at(quieter.t)}.`;
  if (busier) return `Usually busier from ${at(busier.t)}.`;
  return "Usually about this busy for the next few hours.";
}
