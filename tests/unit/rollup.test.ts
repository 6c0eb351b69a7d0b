import { describe, expect, it } from "vitest";
import { createRollup, MINUTE_MS } from "@/lib/occupancy/rollup";

describe("minute rollups", () => {
  it("weights each value by how long it was held and splits at minute boundaries", () => {
    const r = createRollup();
    const t0 = 10 * MINUTE_MS;
    r.record("f1", "shown", 10, "wifi", t0);
    r.record("f1", "shown", 20, "wifi", t0 + 30_000);
    r.record("f1", "shown", 4, "camera", t0 + 90_000);
    const buckets = r.take(t0 + 120_000);
    const first = buckets.find((b) => b.bucket === t0)!;
    const second = buckets.find((b) => b.bucket === t0 + MINUTE_MS)!;
    expect(first).toMatchObject({ min: 10, max: 20, last: 20, seconds: 60, label: "wifi" });
    expect(first.sum / first.seconds).toBe(15);
    expect(second).toMatchObject({ min: 4, max: 20, last: 4, seconds: 60, label: "camera" });
    expect(second.sum / second.seconds).toBe(12);
  });

  it("keeps each series of a location apart", () => {
    const r = createRollup();
    r.record("f1", "shown", 8, "camera", 0);
    r.record("f1", "wifi_devices", 5, null, 0);
    const got = r.take(MINUTE_MS).map((b) => [b.series, b.last, b.sum / b.seconds]);
    expect(got.sort()).toEqual([
      ["shown", 8, 8],
      ["wifi_devices", 5, 5],
    ]);
  });

  it("continues exactly from a snapshot", () => {
    const a = createRollup();
    a.record("f1", "shown", 2, "wifi", 0);
    a.record("f1", "shown", 6, "wifi", 20_000);
    a.take(30_000);
    const b = createRollup(JSON.parse(JSON.stringify(a.snapshot())));
    for (const r of [a, b]) r.record("f1", "shown", 1, "wifi", 45_000);
    expect(b.take(MINUTE_MS)).toEqual(a.take(MINUTE_MS));
  });

  it("returns only buckets touched since the last take", () => {
    const r = createRollup();
    r.record("f1", "shown", 3, "wifi", 0);
    expect(r.take(MINUTE_MS * 2).map((b) => b.bucket)).toEqual([0, MINUTE_MS]);
    expect(r.take(MINUTE_MS * 2).map((b) => b.bucket)).toEqual([]);
    expect(r.take(MINUTE_MS * 2 + 5000).map((b) => [b.bucket, b.seconds])).toEqual([[MINUTE_MS * 2, 5]]);
  });
});
