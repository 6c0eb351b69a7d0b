import type { WindowCounts } from "./sliding-window";

// Where rate-limit counts live: in this process (the default), or in Redis so every web node shares
// them (lib/http/limit-store-redis). Both count hits per fixed window of `windowMs`; lib/http/sliding-window
// turns the counts into a decision.

export interface LimitStore {
  /** Adds `n` hits to `key` (0 only reads) and returns the counts of its current and previous window. */
  hit(key: string, windowMs: number, n?: number): Promise<WindowCounts>;
  /** Forgets `key` (an account that signed in successfully). */
  clear(key: string, windowMs: number): Promise<void>;
}

const MAX_KEYS = 50_000;

export function createMemoryLimitStore(now: () => number = Date.now): LimitStore {
  const windows = new Map<string, { index: number; current: number; previous: number }>();
  const evict = (t: number, windowMs: number) => {
    for (const [k, w] of windows) if (w.index < Math.floor(t / windowMs) - 1) windows.delete(k);
    // Still full: the oldest tenth goes at once (a flood of fresh addresses must neither grow memory
    // without bound nor make every new key scan the whole map).
    for (const k of windows.keys()) {
      if (windows.size < MAX_KEYS * 0.9) break;
      windows.delete(k);
    }
  };
  return {
    async hit(key, windowMs, n = 1) {
      const t = now();
      const index = Math.floor(t / windowMs);
      if (windows.size >= MAX_KEYS && !windows.has(key)) evict(t, windowMs);
      const w = windows.get(key);
      const next =
        !w || w.index < index - 1
          ? { index, current: n, previous: 0 }
          : w.index === index - 1
            ? { index, current: n, previous: w.current }
            : { index, current: w.current + n, previous: w.previous };
      if (next.current > 0 || next.previous > 0) windows.set(key, next);
      return { current: next.current, previous: next.previous, elapsedMs: t - index * windowMs };
    },
    async clear(key) {
      windows.delete(key);
    },
  };
}
