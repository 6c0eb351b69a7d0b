import type { SampleRecord } from "@/lib/store/history";
import { lttbIndices } from "./lttb";
import { addDays } from "./tz";
import { repeated, wallBinsOf, wallDay, wallMs } from "./wall-clock";

// From minute rows (OccupancySample) to what a chart shows: fixed bins per range, one column per
// series, the typical same weekday beside today, peak and average. Pure and serialisable, so the
// server computes it once and the browser draws and exports the very same numbers.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export type RangeName = "hour" | "day" | "week" | "month";

export const RANGES: Record<RangeName, { spanMs: number; binMs: number; label: string }> = {
  hour: { spanMs: HOUR_MS, binMs: MINUTE_MS, label: "Last hour" },
  day: { spanMs: DAY_MS, binMs: MINUTE_MS, label: "Day" },
  week: { spanMs: 7 * DAY_MS, binMs: 5 * MINUTE_MS, label: "Week" },
  month: { spanMs: 30 * DAY_MS, binMs: 30 * MINUTE_MS, label: "Month" },
};

/** Most points drawn per series; LTTB picks which. */
export const MAX_POINTS = 400;

/** The series the dashboard shows; the others are each source on its own. */
export const SHOWN = "shown";
export const TYPICAL = "typical";

/** A stored minute row as history builds from it: per source, the bucket as epoch ms. */
export type SampleRow = Omit<SampleRecord, "locationId" | "bucket"> & { source: string; bucket: number };

export interface SeriesStats {
  /** Highest count at any moment: the largest per-minute maximum, and the minute it first happened. */
  peak: { value: number; at: number } | null;
  /** Time-weighted mean over the minutes with data (count x seconds held / seconds with data). */
  average: number | null;
  /** Seconds with data behind the average. */
  seconds: number;
  /** Newest minute with data: its last count and its end. */
  last: { value: number; at: number; label: string | null } | null;
}

export interface HistoryRow {
  t: number;
  /** Source behind the shown value in this bin (its last minute). */
  label: string | null;
  values: Record<string, number | null>;
}

export interface HistoryResult {
  locationId: string;
  range: RangeName;
  from: number;
  to: number;
  binMs: number;
  /** Series with data in the window: "shown" first, then sources by name. */
  series: string[];
  rows: HistoryRow[];
  stats: Record<string, SeriesStats>;
  /** Same weekday in previous weeks (day range only): how many weeks had data. */
  typical: { weeks: number; weekStarts: number[] } | null;
  /** Data gaps in the window, clipped to it: Cisco no longer had the records when the stream came back. */
  gaps: Array<{ from: number; to: number }>;
  /** IANA zone whose days the window and bins follow (the building's): the browser shows times in it. */
  timeZone: string;
  generatedAt: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const avgOf = (sum: number, seconds: number, last: number) => (seconds > 0 ? sum / seconds : last);

export function statsOf(rows: SampleRow[]): SeriesStats {
  let peak: SeriesStats["peak"] = null;
  let sum = 0;
  let seconds = 0;
  let last: SeriesStats["last"] = null;
  for (const r of rows) {
    if (!peak || r.max > peak.value || (r.max === peak.value && r.bucket < peak.at))
      peak = { value: r.max, at: r.bucket };
    sum += r.seconds > 0 ? r.sum : 0;
    seconds += r.seconds;
    if (!last || r.bucket + MINUTE_MS > last.at) last = { value: r.last, at: r.bucket + MINUTE_MS, label: r.label };
  }
  return {
    peak,
    average:
      seconds > 0 ? round1(sum / seconds) : peak ? round1(rows.reduce((s, r) => s + r.last, 0) / rows.length) : null,
    seconds,
    last,
  };
}

interface Acc {
  sum: number;
  seconds: number;
  last: number;
  lastBucket: number;
  label: string | null;
}

function binRows(rows: SampleRow[], from: number, binMs: number, bins: number) {
  const out = new Map<string, Array<Acc | undefined>>();
  for (const r of rows) {
    const i = Math.floor((r.bucket - from) / binMs);
    if (i < 0 || i >= bins) continue;
    let col = out.get(r.source);
    if (!col) out.set(r.source, (col = new Array<Acc | undefined>(bins)));
    const a = col[i];
    if (!a) col[i] = { sum: r.sum, seconds: r.seconds, last: r.last, lastBucket: r.bucket, label: r.label };
    else {
      a.sum += r.sum;
      a.seconds += r.seconds;
      if (r.bucket >= a.lastBucket) Object.assign(a, { last: r.last, lastBucket: r.bucket, label: r.label });
    }
  }
  return out;
}

/** Bin indices to keep: LTTB per series, plus each run's ends and the gap after it, so gaps stay gaps. */
function keepIndices(columns: Array<Array<number | null>>, maxPoints: number, bins: number): number[] {
  const keep = new Set<number>();
  for (const col of columns) {
    const idx: number[] = [];
    for (let i = 0; i < bins; i++) {
      const v = col[i];
      if (v === null || v === undefined) continue;
      idx.push(i);
      const prev = col[i - 1];
      const next = col[i + 1];
      if (i === 0 || prev === null || prev === undefined) keep.add(i);
      if (i === bins - 1 || next === null || next === undefined) {
        keep.add(i);
        if (i + 1 < bins) keep.add(i + 1);
      }
    }
    for (const j of lttbIndices(
      idx,
      idx.map((i) => col[i]!),
      maxPoints,
    ))
      keep.add(idx[j]!);
  }
  return [...keep].sort((a, b) => a - b);
}

export interface BuildInput {
  locationId: string;
  range: RangeName;
  from: number;
  to: number;
  rows: SampleRow[];
  /** Per previous week (1, 2, ...) the shown rows of the same day then, and that day's start (and end; default a day later). */
  typicalWeeks?: Array<{ from: number; to?: number; rows: SampleRow[] }>;
  /** The same, already summed per bin (by the database): used instead of `typicalWeeks`. */
  typicalCurve?: { weekStarts: number[]; sums: number[]; counts: number[] };
  /** Data gaps (event time with no records), any overlapping the window. */
  gaps?: Array<{ from: number; to: number }>;
  /** The zone the window was cut in; default UTC. */
  timeZone?: string;
  now: number;
  maxPoints?: number;
}

export function buildHistory(i: BuildInput): HistoryResult {
  const { binMs } = RANGES[i.range];
  const bins = Math.max(1, Math.ceil((i.to - i.from) / binMs));
  const binned = binRows(i.rows, i.from, binMs, bins);
  const series = [...binned.keys()].sort((a, b) => (a === SHOWN ? -1 : b === SHOWN ? 1 : a.localeCompare(b)));
  const columns = new Map<string, Array<number | null>>();
  for (const s of series)
    columns.set(
      s,
      Array.from(binned.get(s)!, (a) => (a ? round1(avgOf(a.sum, a.seconds, a.last)) : null)),
    );

  let typical: HistoryResult["typical"] = null;
  if (i.typicalCurve) {
    const { weekStarts, sums, counts } = i.typicalCurve;
    typical = { weeks: weekStarts.length, weekStarts };
    if (weekStarts.length)
      columns.set(
        TYPICAL,
        Array.from({ length: bins }, (_, k) => (counts[k] ? round1(sums[k]! / counts[k]!) : null)),
      );
  } else if (i.typicalWeeks) {
    // Each week by wall-clock bin (./wall-clock), shown on this day's bins: the path the database sums too.
    const tz = i.timeZone ?? "UTC";
    const wallBins = Math.ceil(DAY_MS / binMs);
    const sums = new Array<number>(wallBins).fill(0);
    const ns = new Array<number>(wallBins).fill(0);
    const held: number[] = [];
    for (const w of i.typicalWeeks) {
      const d = wallDay(w.from, w.to ?? addDays(w.from, 1, tz), tz);
      const rep = repeated(d);
      const rows = w.rows
        .filter((r) => r.source === SHOWN && r.bucket < d.to && !(rep && r.bucket >= rep.from && r.bucket < rep.to))
        .map((r) => ({ ...r, bucket: d.from + wallMs(d, r.bucket) }));
      const col = binRows(rows, d.from, binMs, wallBins).get(SHOWN);
      if (!col) continue;
      held.push(w.from);
      col.forEach((a, k) => {
        if (!a) return;
        sums[k]! += avgOf(a.sum, a.seconds, a.last);
        ns[k]!++;
      });
    }
    typical = { weeks: held.length, weekStarts: held };
    if (held.length)
      columns.set(
        TYPICAL,
        wallBinsOf(wallDay(i.from, i.to, tz), binMs, bins).map((k) => (ns[k] ? round1(sums[k]! / ns[k]!) : null)),
      );
  }

  const shownCol = binned.get(SHOWN);
  const rows: HistoryRow[] = keepIndices([...columns.values()], i.maxPoints ?? MAX_POINTS, bins).map((k) => ({
    t: i.from + k * binMs,
    label: shownCol?.[k]?.label ?? null,
    values: Object.fromEntries([...columns].map(([name, col]) => [name, col[k] ?? null])),
  }));

  const bySource = new Map<string, SampleRow[]>();
  for (const r of i.rows) {
    if (r.bucket < i.from || r.bucket >= i.to) continue;
    let list = bySource.get(r.source);
    if (!list) bySource.set(r.source, (list = []));
    list.push(r);
  }
  const stats = Object.fromEntries(series.map((s) => [s, statsOf(bySource.get(s) ?? [])]));
  return {
    locationId: i.locationId,
    range: i.range,
    from: i.from,
    to: i.to,
    binMs,
    series,
    rows,
    stats,
    typical,
    gaps: clipGaps(i.gaps ?? [], i.from, i.to),
    timeZone: i.timeZone ?? "UTC",
    generatedAt: i.now,
  };
}

/** Gaps overlapping [from, to), clipped to it, merged where they touch, in time order. */
export function clipGaps(
  gaps: Array<{ from: number; to: number }>,
  from: number,
  to: number,
): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const g of [...gaps].sort((a, b) => a.from - b.from)) {
    if (g.to <= from || g.from >= to) continue;
    const c = { from: Math.max(g.from, from), to: Math.min(g.to, to) };
    const prev = out.at(-1);
    if (prev && c.from <= prev.to) prev.to = Math.max(prev.to, c.to);
    else out.push(c);
  }
  return out;
}
