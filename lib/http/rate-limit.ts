import { addressKey, clientAddress } from "./client-address";
import { AppError } from "@/lib/errors";

// A token bucket per client key, in memory: enough for one web process; the scale-out setup puts the
// same limits in the proxy in front. Buckets that refilled completely are forgotten.

export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how long until the next one. */
  take(key: string): { ok: true } | { ok: false; retryAfterSec: number };
}

const MAX_KEYS = 10_000;

export function createRateLimiter(o: { perMinute: number; now?: () => number }): RateLimiter {
  const now = o.now ?? Date.now;
  const capacity = o.perMinute;
  const perMs = o.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const level = (b: { tokens: number; at: number }, t: number) => Math.min(capacity, b.tokens + (t - b.at) * perMs);

  return {
    take(key) {
      const t = now();
      if (buckets.size >= MAX_KEYS) {
        for (const [k, b] of buckets) if (level(b, t) >= capacity) buckets.delete(k);
        if (buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      }
      const b = buckets.get(key) ?? { tokens: capacity, at: t };
      const tokens = level(b, t);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return { ok: true };
    },
  };
}

/** Who a request counts against: the address the trusted proxy hop saw (or the TCP peer), IPv6 by /64. */
export function clientKey(req: Request, proxyHops: number): string {
  return addressKey(clientAddress(req.headers, proxyHops));
}

/** Takes one token for the caller's address; `proxyHops` is AuthSettings.proxyHops (0 without a trusted proxy). */
export function rateLimitOrThrow(limiter: RateLimiter, req: Request, proxyHops: number): void {
  takeOrThrow(limiter, clientKey(req, proxyHops));
}

/** Takes one token for any key (a kiosk, an account); throws RATE_LIMITED when there is none. */
export function takeOrThrow(limiter: RateLimiter, key: string): void {
  const r = limiter.take(key);
  if (!r.ok)
    throw new AppError("RATE_LIMITED", `Too many attempts: wait ${r.retryAfterSec} s and try again.`, {
      retryAfterSec: r.retryAfterSec,
    });
}

/** Seconds a rate-limited caller should wait, as the Retry-After header wants it. */
export function retryAfterHeaders(e: unknown): Record<string, string> {
  return e instanceof AppError && e.retryAfterSec ? { "Retry-After": String(e.retryAfterSec) } : {};
}

/**
 * Failed attempts per account, whatever address they come from (rotating addresses walks past the
 * per-address buckets): after `maxFailures` within `windowMs` the account refuses every attempt, the
 * right password included, until the window has passed. A success clears the count.
 */
export interface Lockout {
  /** Seconds until `key` may try again, 0 when it may now. */
  lockedForSec(key: string): number;
  failed(key: string): void;
  succeeded(key: string): void;
}

export function createLockout(o: { maxFailures: number; windowMs: number; now?: () => number }): Lockout {
  const now = o.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const t = now();
    const list = (failures.get(key) ?? []).filter((at) => t - at < o.windowMs);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    lockedForSec(key) {
      const list = recent(key);
      return list.length >= o.maxFailures
        ? Math.max(1, Math.ceil((list[list.length - o.maxFailures]! + o.windowMs - now()) / 1000))
        : 0;
    },
    failed(key) {
      if (failures.size >= MAX_KEYS && !failures.has(key)) failures.delete(failures.keys().next().value!);
      failures.set(key, [...recent(key), now()]);
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}

/** Throws RATE_LIMITED while `key` is locked out. */
export function lockoutOrThrow(lockout: Lockout, key: string): void {
  const sec = lockout.lockedForSec(key);
  if (sec)
    throw new AppError(
      "RATE_LIMITED",
      `Too many attempts for this account: wait ${Math.ceil(sec / 60)} min and try again.`,
      { retryAfterSec: sec },
    );
}
