// Past days' minute rollups do not change once no late record can reach them, so a day view reads them
// once per process: the day's own rows once the day is closed, the typical curve (which reads only
// weeks before) always. Bounded twice: entries (least recently used go first) and age, so what the
// retention sweep or a removed location deletes is gone from here within TTL_MS too.

/**
 * A day is closed this long after its end: Cisco replays at most about an hour after an outage, and
 * the catch-up writes the replayed minutes within minutes of that.
 */
export const CLOSED_AFTER_MS = 2 * 3_600_000;
export const TTL_MS = 10 * 60_000;

export interface ClosedDayCache<T> {
  get(key: string, now: number): T | undefined;
  set(key: string, value: T, now: number): void;
  readonly size: number;
}

export function createClosedDayCache<T>(maxEntries: number, ttlMs = TTL_MS): ClosedDayCache<T> {
  const entries = new Map<string, { value: T; at: number }>();
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      entries.delete(key);
      if (now - e.at > ttlMs) return undefined;
      entries.set(key, e); // most recently used last
      return e.value;
    },
    set(key, value, now) {
      entries.delete(key);
      entries.set(key, { value, at: now });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
}

/** Reads through `cache` when `closed`, else straight from `read`. */
export async function readClosed<T>(
  cache: ClosedDayCache<T>,
  key: string,
  closed: boolean,
  now: number,
  read: () => Promise<T>,
): Promise<T> {
  if (!closed) return read();
  const hit = cache.get(key, now);
  if (hit !== undefined) return hit;
  const value = await read();
  cache.set(key, value, now);
  return value;
}
