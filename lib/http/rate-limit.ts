import { addressKey, clientAddress } from "./client-address";
import { AppError } from "@/lib/errors";
import type { LimitStore } from "./limit-store";
import { decide, msUntilAtMost, type Decision } from "./sliding-window";

// Two kinds of limit. `Limit`: a sliding window per key (an address by its /64, an account, a kiosk, an
// OAuth client) in a LimitStore, shared by every web node when REDIS_URL is set. `RateLimiter`: a token
// bucket in this process, for what lives in one process anyway (the events of one socket).

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

export interface Limit {
  /** Names the limit in keys and metrics ("auth", "kiosk", …). */
  readonly name: string;
  /** Counts one hit for `key` and says whether it fits. */
  take(key: string): Promise<Decision>;
}

export function createLimit(o: {
  name: string;
  store: LimitStore;
  perMinute: number;
  /** Told of every refused hit (a metric). */
  onLimited?(name: string): void;
}): Limit {
  const windowMs = 60_000;
  return {
    name: o.name,
    async take(key) {
      const d = decide(await o.store.hit(`${o.name}:${key}`, windowMs), windowMs, o.perMinute);
      if (!d.ok) o.onLimited?.(o.name);
      return d;
    },
  };
}

/** Who a request counts against: the address the trusted proxy hop saw (or the TCP peer), IPv6 by /64. */
export function clientKey(req: Request, proxyHops: number): string {
  return addressKey(clientAddress(req.headers, proxyHops));
}

/** Counts one hit for the caller's address; `proxyHops` is AuthSettings.proxyHops (0 without a trusted proxy). */
export function rateLimitOrThrow(limit: Limit, req: Request, proxyHops: number): Promise<void> {
  return takeOrThrow(limit, clientKey(req, proxyHops));
}

/** Counts one hit for any key (a kiosk, an account, an OAuth client); throws RATE_LIMITED when it does not fit. */
export async function takeOrThrow(limit: Limit, key: string): Promise<void> {
  const r = await limit.take(key);
  if (!r.ok) throw rateLimited(r.retryAfterSec, "Too many attempts");
}

/** The one 429: an AppError whose Retry-After every renderer (JSON, page, OAuth) sends. */
export function rateLimited(retryAfterSec: number, what: string): AppError {
  return new AppError("RATE_LIMITED", `${what}: wait ${retryAfterSec} s and try again.`, { retryAfterSec });
}

/** Seconds a rate-limited caller should wait, as the Retry-After header wants it. */
export function retryAfterHeaders(e: unknown): Record<string, string> {
  return e instanceof AppError && e.retryAfterSec ? { "Retry-After": String(e.retryAfterSec) } : {};
}

/**
 * Failed attempts per account, whatever address they come from (rotating addresses walks past the
 * per-address limits): after `maxFailures` within `windowMs` the account refuses every attempt, the
 * right password included, until enough of them are old enough. A success clears the count. Kept in
 * the shared store, so the count holds across web nodes.
 */
export interface Lockout {
  /** Seconds until `key` may try again, 0 when it may now. */
  lockedForSec(key: string): Promise<number>;
  failed(key: string): Promise<void>;
  succeeded(key: string): Promise<void>;
}

export function createLockout(o: { store: LimitStore; maxFailures: number; windowMs: number }): Lockout {
  const k = (key: string) => `lockout:${key}`;
  return {
    async lockedForSec(key) {
      // Locked while one more failure would not fit the budget.
      const ms = msUntilAtMost(await o.store.hit(k(key), o.windowMs, 0), o.windowMs, o.maxFailures - 1);
      return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
    },
    async failed(key) {
      await o.store.hit(k(key), o.windowMs, 1);
    },
    async succeeded(key) {
      await o.store.clear(k(key), o.windowMs);
    },
  };
}

/** Throws RATE_LIMITED while `key` is locked out. */
export async function lockoutOrThrow(lockout: Lockout, key: string): Promise<void> {
  const sec = await lockout.lockedForSec(key);
  if (sec)
    throw new AppError(
      "RATE_LIMITED",
      `Too many attempts for this account: wait ${Math.ceil(sec / 60)} min and try again.`,
      { retryAfterSec: sec },
    );
}
