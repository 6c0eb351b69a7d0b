import type { SourceLabel } from "./types";

// Pure minute rollups of occupancy, weighted by how long each value was held (event time).

export const MINUTE_MS = 60_000;

export interface Bucket {
  locationId: string;
  /** Which series: "shown" (what the dashboard shows) or one source on its own. */
  series: string;
  /** For "shown": the source behind the last value. */
  label: string | null;
  bucket: number; // start of the minute, epoch ms
  min: number;
  max: number;
  last: number;
  sum: number; // count x seconds
  seconds: number;
}

interface Series {
  locationId: string;
  series: string;
  value: number;
  label: string | null;
  since: number;
}

export interface RollupSnapshot {
  series: Series[];
  buckets: Bucket[];
}

export interface Rollup {
  record(locationId: string, series: string, count: number, label: SourceLabel | string, ts: number): void;
  /** Buckets touched since the last take, with time held up to `upTo` counted in. */
  take(upTo: number): Bucket[];
  /** Whether a series has been recorded (a source that went quiet keeps its series, at 0). */
  has(locationId: string, series: string): boolean;
  /**
   * Records are missing for [from, to) (a data gap): time is held up to `from`, none inside the gap,
   * so its minutes have no data rather than the last count stretched over them.
   */
  skip(from: number, to: number): void;
  /** Everything needed to continue exactly where this rollup is now. */
  snapshot(): RollupSnapshot;
}

export function createRollup(from?: RollupSnapshot): Rollup {
  const series = new Map<string, Series>((from?.series ?? []).map((s) => [`${s.locationId}|${s.series}`, { ...s }]));
  const buckets = new Map<string, Bucket>(
    (from?.buckets ?? []).map((b) => [`${b.locationId}|${b.series}|${b.bucket}`, { ...b }]),
  );
  const dirty = new Set<string>();

  function bucketFor(minute: number, s: Series): Bucket {
    const key = `${s.locationId}|${s.series}|${minute}`;
    let b = buckets.get(key);
    if (!b) {
      b = {
        locationId: s.locationId,
        series: s.series,
        label: s.label,
        bucket: minute,
        min: s.value,
        max: s.value,
        last: s.value,
        sum: 0,
        seconds: 0,
      };
      buckets.set(key, b);
    }
    dirty.add(key);
    return b;
  }

  function hold(s: Series, to: number) {
    let from = s.since;
    while (from < to) {
      const minute = from - (from % MINUTE_MS);
      const end = Math.min(to, minute + MINUTE_MS);
      const b = bucketFor(minute, s);
      const secs = (end - from) / 1000;
      b.sum += s.value * secs;
      b.seconds += secs;
      if (s.value < b.min) b.min = s.value;
      if (s.value > b.max) b.max = s.value;
      from = end;
    }
    if (to > s.since) s.since = to;
  }

  return {
    record(locationId, name, count, label, ts) {
      const key = `${locationId}|${name}`;
      let s = series.get(key);
      if (s && ts < s.since) ts = s.since; // late input: count it from the time already accounted for
      if (s) hold(s, ts);
      else series.set(key, (s = { locationId, series: name, value: count, label: label ?? null, since: ts }));
      s.value = count;
      s.label = label ?? null;
      const b = bucketFor(ts - (ts % MINUTE_MS), s);
      b.last = count;
      b.label = s.label;
      if (count < b.min) b.min = count;
      if (count > b.max) b.max = count;
    },
    take(upTo) {
      for (const s of series.values()) hold(s, upTo);
      const out: Bucket[] = [];
      const currentMinute = upTo - (upTo % MINUTE_MS);
      for (const key of dirty) {
        const b = buckets.get(key)!;
        out.push({ ...b });
        if (b.bucket < currentMinute) buckets.delete(key);
      }
      dirty.clear();
      return out;
    },
    has: (locationId, name) => series.has(`${locationId}|${name}`),
    skip(from, to) {
      for (const s of series.values()) {
        hold(s, from);
        if (to > s.since) s.since = to;
      }
    },
    snapshot() {
      return {
        series: [...series.values()].map((s) => ({ ...s })),
        buckets: [...buckets.values()].map((b) => ({ ...b })),
      };
    },
  };
}
