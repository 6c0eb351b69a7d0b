import { describe, expect, it } from "vitest";
import { createRollup, MINUTE_MS } from "@/lib/occupancy/rollup";

describe("minute rollups", () => {
  it("weights each value by how long it was held and splits at minute boundaries", () => {
    const r = createRollup();
    const t0 = 10 * MINUTE_MS;
    r.record("f1", 10, "wifi", t0);
    r.record("f1", 20, "wifi", t0 + 30_000);
    r.record("f1", 4, "camera", t0 + 90_000);
    const buckets = r.take(t0 + 120_000);
    const first = buckets.find((b) => b.bucket === t0)!;
    const second = buckets.find((b) => b.bucket === t0 + MINUTE_MS)!;
    expect(first).toMatchObject({ min: 10, max: 20, last: 20, seconds: 60, source: "wifi" });
    expect(first.sum / first.seconds).toBe(15);
    expect(second).toMatchObject({ min: 4, max: 20, last: 4, seconds: 60, source: "camera" });
    expect(second.sum / second.seconds).toBe(12);
  });

  it("returns only buckets touched since the last take", () => {
    const r = createRollup();
    r.record("f1", 3, "wifi", 0);
    expect(r.take(MINUTE_MS * 2).map((b) => b.bucket)).toEqual([0, MINUTE_MS]);
    expect(r.take(MINUTE_MS * 2).map((b) => b.bucket)).toEqual([]);
    expect(r.take(MINUTE_MS * 2 + 5000).map((b) => [b.bucket, b.seconds])).toEqual([[MINUTE_MS * 2, 5]]);
  });
});
