// Pure helpers for Prometheus text expositions: counters summed by name, and histograms read twice
// (start and end of a measured window) so a quantile covers only that window. No I/O.

/** Sum of every series of each metric, by metric name. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[2]);
    if (Number.isFinite(v)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + v);
  }
  return out;
}

/** Cumulative bucket counts by upper bound (ascending, +Inf last), summed over every label set. */
export interface Histogram {
  buckets: Array<[le: number, count: number]>;
  sum: number;
  count: number;
}

/** The histogram `name` (its _bucket, _sum and _count series), or null when the exposition lacks it. */
export function parseHistogram(text: string, name: string): Histogram | null {
  const byLe = new Map<number, number>();
  let sum = 0;
  let count = 0;
  let seen = false;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[3]);
    if (!Number.isFinite(v)) continue;
    if (m[1] === `${name}_sum`) sum += v;
    else if (m[1] === `${name}_count`) count += v;
    else if (m[1] === `${name}_bucket`) {
      const le = /(?:^|,)\s*le="([^"]+)"/.exec(m[2] ?? "")?.[1];
      if (le === undefined) continue;
      const bound = le === "+Inf" ? Infinity : Number(le);
      if (Number.isNaN(bound)) continue;
      byLe.set(bound, (byLe.get(bound) ?? 0) + v);
      seen = true;
    }
  }
  if (!seen) return null;
  return { buckets: [...byLe].sort((a, b) => a[0] - b[0]), sum, count };
}

/** What was observed between two reads of the same histogram (end minus start, bucket by bucket). */
export function histogramDelta(start: Histogram | null, end: Histogram): Histogram {
  const before = new Map(start?.buckets ?? []);
  return {
    buckets: end.buckets.map(([le, c]) => [le, c - (before.get(le) ?? 0)]),
    sum: end.sum - (start?.sum ?? 0),
    count: end.count - (start?.count ?? 0),
  };
}

/**
 * The q-quantile (0..1) as Prometheus' histogram_quantile computes it: linear within the bucket that
 * holds the rank (the first bucket starts at 0); a rank in the +Inf bucket gives the highest finite
 * bound (the histogram cannot say more). Null with no observations.
 */
export function histogramQuantile(h: Histogram, q: number): number | null {
  const total = h.buckets.at(-1)?.[1] ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const [le, c] of h.buckets) {
    if (c >= rank) {
      if (le === Infinity) return prevLe;
      const inBucket = c - prevCount;
      return inBucket <= 0 ? le : prevLe + (le - prevLe) * ((rank - prevCount) / inBucket);
    }
    prevLe = le;
    prevCount = c;
  }
  return prevLe;
}
