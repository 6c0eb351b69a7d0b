import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/http/rate-limit";

describe("rate limits on sign-in and setup", () => {
  it("lets a burst through, then asks the caller to wait, and refills over time", () => {
    let t = 0;
    const limiter = createRateLimiter({ perMinute: 3, now: () => t });
    expect([1, 2, 3].map(() => limiter.take("1.2.3.4").ok)).toEqual([true, true, true]);
    const refused = limiter.take("1.2.3.4");
    expect(refused).toEqual({ ok: false, retryAfterSec: 20 });
    expect(limiter.take("5.6.7.8").ok).toBe(true); // another client is not affected
    t += 20_000;
    expect(limiter.take("1.2.3.4").ok).toBe(true);
    expect(limiter.take("1.2.3.4").ok).toBe(false);
  });
});
