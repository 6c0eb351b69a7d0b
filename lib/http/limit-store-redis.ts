import { createClient } from "redis";
import type { Logger } from "@/lib/log";
import { createMemoryLimitStore, type LimitStore } from "./limit-store";

// Rate-limit counts in Redis, so a limit holds across every web node: one Lua script per hit counts
// the hit in the current fixed window (INCRBY + PEXPIRE) and reads the previous window, on Redis's
// clock (nodes whose clocks differ still agree on the window).
//
// When Redis is down or slow, each node falls back to its own in-memory counts, with a warning and a
// counter. Refusing everyone instead would turn a Redis outage into a sign-in and display outage;
// allowing everyone would drop the protection exactly when an attacker may have caused the outage.
// Per-node counts keep every limit, only up to (number of web nodes) times looser, until Redis is back.

const HIT = `
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
local idx = math.floor(ms / w)
local cur = KEYS[1] .. ':' .. idx
local c = redis.call('INCRBY', cur, tonumber(ARGV[2]))
redis.call('PEXPIRE', cur, w * 2)
local p = tonumber(redis.call('GET', KEYS[1] .. ':' .. (idx - 1)) or '0')
return {c, p, ms - idx * w}`;

const CLEAR = `
local t = redis.call('TIME')
local idx = math.floor((tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) / tonumber(ARGV[1]))
return redis.call('DEL', KEYS[1] .. ':' .. idx, KEYS[1] .. ':' .. (idx - 1))`;

export interface RedisLimitStore extends LimitStore {
  /** Whether hits reach Redis now (false: counted on this node only). */
  connected(): boolean;
  close(): Promise<void>;
}

export function createRedisLimitStore(o: {
  url: string;
  /** Prepended to every key (tests give each run its own). */
  prefix: string;
  log: Logger;
  /** Where counts go while Redis does not answer. */
  fallback: LimitStore;
  /** Counted once per hit that fell back (a metric). */
  onFallback?(): void;
  /** How long a hit waits for Redis before it falls back (ms). */
  timeoutMs?: number;
}): RedisLimitStore {
  const timeoutMs = o.timeoutMs ?? 250;
  // Its own client with no offline queue: while disconnected, a command fails at once instead of
  // waiting for the reconnect, so a request is never held up by a limit.
  const client = createClient({
    url: o.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (n) => Math.min(n * 200, 5_000) },
  });
  let lastWarning = 0;
  client.on("error", () => {}); // reported by the fallback below, at most every 30 s
  // Not awaited: until Redis answers, hits fall back (a node boots even while Redis is down).
  void client.connect().catch(() => {});

  const withFallback = async <T>(run: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!client.isReady) throw new Error("not connected");
      return await Promise.race([
        run(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (e) {
      o.onFallback?.();
      if (Date.now() - lastWarning > 30_000) {
        lastWarning = Date.now();
        o.log.warn({ err: (e as Error).message }, "rate limits: Redis unavailable, counting on this node only");
      }
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  };
  const key = (k: string) => `${o.prefix}{${k}}`;

  return {
    hit(k, windowMs, n = 1) {
      return withFallback(
        async () => {
          const [current, previous, elapsedMs] = (await client.eval(HIT, {
            keys: [key(k)],
            arguments: [String(windowMs), String(n)],
          })) as [number, number, number];
          return { current, previous, elapsedMs };
        },
        () => o.fallback.hit(k, windowMs, n),
      );
    },
    async clear(k, windowMs) {
      await o.fallback.clear(k, windowMs);
      await withFallback(
        async () => void (await client.eval(CLEAR, { keys: [key(k)], arguments: [String(windowMs)] })),
        async () => {},
      );
    },
    connected: () => client.isReady,
    async close() {
      if (client.isReady) await client.close().catch(() => {});
      else if (client.isOpen) client.destroy();
    },
  };
}

/** The store a web process counts in: Redis when `redisUrl` is set (falling back to memory), else memory. */
export function limitStoreFor(o: { redisUrl: string | undefined; prefix: string; log: Logger; onFallback?(): void }): {
  store: LimitStore;
  close(): Promise<void>;
} {
  const memory = createMemoryLimitStore();
  if (!o.redisUrl) return { store: memory, close: async () => {} };
  const store = createRedisLimitStore({
    url: o.redisUrl,
    prefix: o.prefix,
    log: o.log,
    fallback: memory,
    onFallback: o.onFallback,
  });
  return { store, close: () => store.close() };
}
