// The sliding-window estimate of a rate limit, as pure arithmetic: the store (memory or Redis) only
// counts hits per fixed window; the estimate weighs the previous window by how much of it still lies
// inside the last `windowMs`. Unlike a bare fixed window, a caller cannot spend the budget twice by
// bursting on both sides of a window boundary.

export interface WindowCounts {
  /** Hits in the current fixed window, this one included. */
  current: number;
  /** Hits in the window before it. */
  previous: number;
  /** How far into the current window we are (0 ≤ elapsedMs < windowMs). */
  elapsedMs: number;
}

export type Decision = { ok: true } | { ok: false; retryAfterSec: number };

/** Hits the last `windowMs` counted, by the sliding-window estimate. */
export function estimate(c: WindowCounts, windowMs: number): number {
  return c.previous * (1 - c.elapsedMs / windowMs) + c.current;
}

/** How long until the estimate is at most `target`, supposing no more hits (ms, 0 when it is now). */
export function msUntilAtMost(c: WindowCounts, windowMs: number, target: number): number {
  if (estimate(c, windowMs) <= target) return 0;
  const room = target - c.current;
  // Still inside this window: wait until enough of the previous window has slid out.
  // Whole milliseconds: 1/3 of a window must not come out a hair over and round up to another second.
  if (room >= 0 && c.previous > 0) return Math.round((1 - room / c.previous) * windowMs - c.elapsedMs);
  // In the next window this window becomes the previous one and slides out in turn.
  const into = c.current > 0 ? Math.max(0, 1 - target / c.current) : 0;
  return Math.round(windowMs - c.elapsedMs + into * windowMs);
}

/**
 * Whether the hit just counted fits `limit` per `windowMs`; if not, how long until one more would,
 * supposing the caller stops. Refused hits were counted too: a caller who keeps hammering stays refused.
 */
export function decide(c: WindowCounts, windowMs: number, limit: number): Decision {
  if (estimate(c, windowMs) <= limit) return { ok: true };
  return { ok: false, retryAfterSec: Math.max(1, Math.ceil(msUntilAtMost(c, windowMs, limit - 1) / 1000)) };
}
