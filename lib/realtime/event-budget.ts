// How many events one socket may send: a token bucket of `perMinute` tokens, refilled evenly. A page
// sends a handful of watch/unwatch events as its user moves around; a script looping on subscribe
// empties the bucket within a second. The socket lives in one process, so the bucket does too.

export interface EventBudget {
  /** Spends one token; false when none is left. */
  take(): boolean;
}

export function createEventBudget(perMinute: number, now: () => number = Date.now): EventBudget {
  const perMs = perMinute / 60_000;
  let tokens = perMinute;
  let at = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(perMinute, tokens + (t - at) * perMs);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
