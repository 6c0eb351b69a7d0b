import { describe, expect, it } from "vitest";
import { createLimit } from "@/lib/http/rate-limit";
import { createMemoryLimitStore } from "@/lib/http/limit-store";
import { decide, estimate } from "@/lib/http/sliding-window";
import { createEventBudget } from "@/lib/realtime/event-budget";

const W = 60_000;

describe("sliding-window rate limit", () => {
  it("weighs the previous window by how much of it is still inside the last minute", () => {
    expect(estimate({ current: 4, previous: 10, elapsedMs: 15_000 }, W)).toBe(11.5);
    expect(estimate({ current: 4, previous: 10, elapsedMs: 0 }, W)).toBe(14);
  });

  it("admits up to the limit, then says when one more fits, supposing the caller stops", () => {
    expect(decide({ current: 10, previous: 0, elapsedMs: 30_000 }, W, 10)).toEqual({ ok: true });
    // 11 hits this window: in the next one they weigh 11 × (1 − g); one more fits at 11(1 − g) ≤ 9.
    expect(decide({ current: 11, previous: 0, elapsedMs: 30_000 }, W, 10)).toEqual({
      ok: false,
      retryAfterSec: Math.ceil((30_000 + (2 / 11) * W) / 1000),
    });
    // Room in this window once enough of the previous one has slid out: 20(1 − f) + 5 ≤ 9 at f = 0.8.
    expect(decide({ current: 5, previous: 20, elapsedMs: 6_000 }, W, 10)).toEqual({ ok: false, retryAfterSec: 42 });
  });

  it("cannot be doubled by bursting on both sides of a window boundary", async () => {
    let t = 59_000;
    const limit = createLimit({ name: "t", store: createMemoryLimitStore(() => t), perMinute: 10 });
    const burst = async () => (await Promise.all(Array.from({ length: 10 }, () => limit.take("a")))).map((d) => d.ok);
    expect(await burst()).toEqual(Array(10).fill(true));
    t = 60_500; // a new fixed window, but the last minute still holds the first burst
    expect((await burst()).filter(Boolean).length).toBe(0);
  });

  it("keeps a caller who keeps hammering refused, and lets one who waited as told back in", async () => {
    let t = 0;
    const limit = createLimit({ name: "t", store: createMemoryLimitStore(() => t), perMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await limit.take("a")).ok).toBe(true);
    const refused = await limit.take("a");
    expect(refused.ok).toBe(false);
    // Another key (another address, account, kiosk) is not affected.
    expect((await limit.take("b")).ok).toBe(true);
    // Retrying a second early is refused (and counted); waiting as that answer says lets it in.
    t += ((refused as { retryAfterSec: number }).retryAfterSec - 1) * 1000;
    const early = await limit.take("a");
    expect(early.ok).toBe(false);
    t += (early as { retryAfterSec: number }).retryAfterSec * 1000;
    expect((await limit.take("a")).ok).toBe(true);
  });

  it("tells the metric which limit refused", async () => {
    const seen: string[] = [];
    const limit = createLimit({
      name: "kiosk",
      store: createMemoryLimitStore(() => 0),
      perMinute: 1,
      onLimited: (n) => seen.push(n),
    });
    await limit.take("k");
    await limit.take("k");
    expect(seen).toEqual(["kiosk"]);
  });
});

describe("socket event budget", () => {
  it("allows a page's handful of events, refuses a loop, and refills evenly", () => {
    let t = 0;
    const b = createEventBudget(60, () => t);
    expect(Array.from({ length: 60 }, () => b.take()).every(Boolean)).toBe(true);
    expect(b.take()).toBe(false);
    t += 1_000;
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
  });
});
