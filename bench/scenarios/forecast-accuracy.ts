// forecast_mape_1h: what /api/forecast said at a moment T for the quarter hour one hour later, against
// what then happened there. Pure: the accuracy scenario gathers the forecasts, the simulator's truth
// and the stored rollups; this lines them up and judges them.
import { tzOffset } from "@/simulator/clock";
import { percentile } from "@/tests/helpers/percentile";

export const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;

export interface ForecastPointJson {
  t: number;
  expected: number;
  low: number | null;
  high: number | null;
}

/** The forecast point whose quarter hour holds `t` (points start quarter hours), or null. */
export function pointFor(points: readonly ForecastPointJson[], t: number): ForecastPointJson | null {
  return points.find((p) => p.t <= t && t < p.t + QUARTER_HOUR) ?? null;
}

/**
 * Mean of the samples in [from, to): the truth is read minute by minute, while the forecast (and the
 * stored rollups it learns from) is a quarter-hour average. Null without a sample in the window.
 */
export function meanIn(samples: ReadonlyArray<{ t: number; v: number }>, from: number, to: number): number | null {
  let sum = 0;
  let n = 0;
  for (const s of samples)
    if (s.t >= from && s.t < to) {
      sum += s.v;
      n++;
    }
  return n ? sum / n : null;
}

/**
 * The local wall-clock time `days` days and `hours` hours after t's (negative: before), as an instant:
 * the same weekday's 10:00 a week earlier is 10:00 on that day's clock, across daylight-saving changes.
 */
export function sameLocalTime(timeZone: string, t: number, days: number, hours = 0): number {
  const naive = t + tzOffset(timeZone, t) + days * DAY + hours * 3_600_000;
  return naive - tzOffset(timeZone, naive - tzOffset(timeZone, naive));
}

export interface ForecastPair {
  id: string;
  level: "building" | "floor";
  /** When the forecast was made. */
  madeAt: number;
  /** The quarter hour it is judged on (madeAt + 1 h). */
  target: number;
  expected: number;
  low: number | null;
  high: number | null;
  /** What happened: the mean count over the target quarter hour (truth, or what the app stored). */
  actual: number;
}

export interface ForecastSummary {
  /** Pairs with a percentage (actual ≥ minActual). */
  samples: number;
  /** Mean absolute percentage error, %; null without samples. */
  mape: number | null;
  p90: number | null;
  /** Mean absolute error in people, over every pair (quiet hours included). */
  mae: number | null;
  /** Pairs judged only by absolute error (actual below minActual). */
  small: number;
  /** Of the samples, those with an interval, and the share whose actual lay inside it (%). */
  withInterval: number;
  coverage: number | null;
}

/**
 * MAPE of the forecasts against what happened, over pairs whose actual is at least `minActual` people
 * (a percentage of an empty or near-empty floor says nothing: those enter only the absolute error), and
 * how often the actual fell inside the forecast's interval.
 */
export function summarizeForecast(pairs: readonly ForecastPair[], minActual = 1): ForecastSummary {
  const apes: number[] = [];
  let abs = 0;
  let inside = 0;
  let withInterval = 0;
  for (const p of pairs) {
    abs += Math.abs(p.expected - p.actual);
    if (p.actual < minActual) continue;
    apes.push((Math.abs(p.expected - p.actual) / p.actual) * 100);
    if (p.low === null || p.high === null) continue;
    withInterval++;
    if (p.actual >= p.low && p.actual <= p.high) inside++;
  }
  return {
    samples: apes.length,
    mape: apes.length ? apes.reduce((a, b) => a + b, 0) / apes.length : null,
    p90: apes.length ? percentile(apes, 90) : null,
    mae: pairs.length ? abs / pairs.length : null,
    small: pairs.length - apes.length,
    withInterval,
    coverage: withInterval ? (inside / withInterval) * 100 : null,
  };
}

export interface QuarterRow {
  locationId: string;
  series: "shown";
  label: string;
  bucket: number;
  min: number;
  max: number;
  last: number;
  sum: number;
  seconds: number;
}

/**
 * One stored row per location and quarter hour of [from, to) from samples of a location's count (the
 * quick run's history, taken from the simulator's truth): the mean held for the whole quarter hour,
 * as a minute rollup would sum it. Quarter hours without a sample are left out, as an outage is.
 */
export function quarterRows(
  samples: ReadonlyMap<string, ReadonlyArray<{ t: number; v: number }>>,
  from: number,
  to: number,
): QuarterRow[] {
  const out: QuarterRow[] = [];
  for (const [locationId, xs] of samples)
    for (let q = from; q < to; q += QUARTER_HOUR) {
      const inQ = xs.filter((s) => s.t >= q && s.t < q + QUARTER_HOUR);
      if (!inQ.length) continue;
      const mean = inQ.reduce((a, s) => a + s.v, 0) / inQ.length;
      out.push({
        locationId,
        series: "shown",
        label: "truth",
        bucket: q,
        min: Math.min(...inQ.map((s) => s.v)),
        max: Math.max(...inQ.map((s) => s.v)),
        last: inQ[inQ.length - 1]!.v,
        sum: mean * (QUARTER_HOUR / 1000),
        seconds: QUARTER_HOUR / 1000,
      });
    }
  return out;
}
