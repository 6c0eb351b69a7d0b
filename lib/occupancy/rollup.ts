import type { SourceLabel } from "./types";

// Pure minute rollups of occupancy, weighted by how long each value was held (event time).

export const MINUTE_MS = 60_000;

export interface Bucket {
  locationId: string;
  bucket: number; // start of the minute, epoch ms
  source: string;
  min: number;
  max: number;
  last: number;
  sum: number; // count x seconds
  seconds: number;
}

interface Series {
  value: number;
  source: string;
  since: number;
}

export interface Rollup {
  record(locationId: string, count: number, source: SourceLabel, ts: number): void;
  /** Buckets touched since the last take, with time held up to `upTo` counted in. */
  take(upTo: number): Bucket[];
}

export function createRollup(): Rollup {
  const series = new Map<string, Series>();
  const buckets = new Map<string, Bucket>();
  const dirty = new Set<string>();

  function bucketFor(locationId: string, minute: number, s: Series): Bucket {
    const key = `${locationId}|${minute}`;
    let b = buckets.get(key);
    if (!b) {
      b = { locationId, bucket: minute, source: s.source, min: s.value, max: s.value, last: s.value, sum: 0, seconds: 0 };
      buckets.set(key, b);
    }
    dirty.add(key);
    return b;
  }

  function hold(locationId: string, s: Series, to: number) {
    let from = s.since;
    while (from < to) {
      const minute = from - (from % MINUTE_MS);
      const end = Math.min(to, minute + MINUTE_MS);
      const b = bucketFor(locationId, minute, s);
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
    record(locationId, count, source, ts) {
      const label = source ?? "none";
      let s = series.get(locationId);
      if (s && ts < s.since) ts = s.since; // late input: count it from the time already accounted for
      if (s) hold(locationId, s, ts);
      else series.set(locationId, (s = { value: count, source: label, since: ts }));
      s.value = count;
      s.source = label;
      const b = bucketFor(locationId, ts - (ts % MINUTE_MS), s);
      b.last = count;
      b.source = label;
      if (count < b.min) b.min = count;
      if (count > b.max) b.max = count;
    },
    take(upTo) {
      for (const [id, s] of series) hold(id, s, upTo);
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
  };
}
