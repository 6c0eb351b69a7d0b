import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { createLimit, createLockout } from "@/lib/http/rate-limit";
import { createMemoryLimitStore } from "@/lib/http/limit-store";
import { createRedisLimitStore, type RedisLimitStore } from "@/lib/http/limit-store-redis";
import { createLogger } from "@/lib/log";
import { freePort } from "../helpers/app-server";

// The shared rate-limit store on this machine's Redis: two stores stand for two web nodes. Each test
// uses a key prefix of its own, so nothing here touches another test's keys.
const REDIS_URL = "redis://127.0.0.1:6379/0";
const log = createLogger("silent");

describe("rate limits in Redis", () => {
  const stores: RedisLimitStore[] = [];
  const prefix = `fp:test:rl:${randomBytes(4).toString("hex")}:`;
  const node = (o: { url?: string; onFallback?: () => void } = {}) => {
    const s = createRedisLimitStore({
      url: o.url ?? REDIS_URL,
      prefix,
      log,
      fallback: createMemoryLimitStore(),
      onFallback: o.onFallback,
    });
    stores.push(s);
    return s;
  };
  // The client connects in the background (a node boots while Redis is down).
  const ready = (s: RedisLimitStore) => expect.poll(() => s.connected(), { timeout: 5_000 }).toBe(true);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const r = createClient({ url: REDIS_URL });
    await r.connect();
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(keys);
    await r.quit();
  });

  it("two nodes count against one limit, and one node's refusal is the other's", async () => {
    const a = createLimit({ name: "auth", store: node(), perMinute: 6 });
    const b = createLimit({ name: "auth", store: node(), perMinute: 6 });
    await ready(stores[0]!);
    await ready(stores[1]!);
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await (i % 2 ? a : b).take("2001:db8:1:2::/64")).ok);
    expect(results).toEqual(Array(6).fill(true));
    const refusedA = await a.take("2001:db8:1:2::/64");
    const refusedB = await b.take("2001:db8:1:2::/64");
    expect(refusedA.ok).toBe(false);
    expect(refusedB.ok).toBe(false);
    expect((refusedB as { retryAfterSec: number }).retryAfterSec).toBeGreaterThanOrEqual(1);
    expect((await a.take("2001:db8:1:3::/64")).ok).toBe(true);
  });

  it("an account locked on one node is locked on the other; a success on either clears it", async () => {
    const [s1, s2] = [node(), node()];
    await ready(s1);
    await ready(s2);
    const one = createLockout({ store: s1, maxFailures: 3, windowMs: 15 * 60_000 });
    const two = createLockout({ store: s2, maxFailures: 3, windowMs: 15 * 60_000 });
    await one.failed("account:admin@example.com");
    await two.failed("account:admin@example.com");
    expect(await two.lockedForSec("account:admin@example.com")).toBe(0);
    await one.failed("account:admin@example.com");
    // How long depends on where in Redis's 15-minute window the failures fell: a third to four thirds of it.
    const locked = await two.lockedForSec("account:admin@example.com");
    expect(locked).toBeGreaterThanOrEqual(5 * 60);
    expect(locked).toBeLessThanOrEqual(20 * 60);
    await two.succeeded("account:admin@example.com");
    expect(await one.lockedForSec("account:admin@example.com")).toBe(0);
  });

  it("with Redis unreachable, limits still hold on each node, counted and without delay", async () => {
    let fallbacks = 0;
    const down = node({ url: `redis://127.0.0.1:${await freePort()}/0`, onFallback: () => fallbacks++ });
    const limit = createLimit({ name: "auth", store: down, perMinute: 3 });
    const oks = [];
    for (let i = 0; i < 4; i++) oks.push((await limit.take("198.51.100.7")).ok);
    expect(oks).toEqual([true, true, true, false]);
    expect(fallbacks).toBe(4);
  });
});
