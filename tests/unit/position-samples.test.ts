import { describe, expect, it } from "vitest";
import { floorsToSample } from "@/lib/ingest/position-samples";

// Time travel's position samples: moving floors at most every 5 s, and a keyframe for a floor that has
// gone still, so retention never deletes the last sample that describes it.

const timing = { everyMs: 5_000, keyframeMs: 18_000 };

describe("position samples for time travel", () => {
  it("samples a floor whose devices moved, at most every few seconds", () => {
    const moved = new Set(["f1"]);
    const last = new Map<string, number>();
    expect(floorsToSample(moved, last, 10_000, timing)).toEqual(["f1"]);
    moved.add("f1");
    expect(floorsToSample(moved, last, 12_000, timing)).toEqual([]);
    expect(moved.has("f1")).toBe(true); // still owed: taken at the next chance
    expect(floorsToSample(moved, last, 15_000, timing)).toEqual(["f1"]);
    expect(last.get("f1")).toBe(15_000);
  });

  it("keeps sampling a floor that went still, so its state stays inside the retention window", () => {
    const moved = new Set(["f1", "f2"]);
    const last = new Map<string, number>();
    floorsToSample(moved, last, 10_000, timing);
    // f2 keeps moving, f1 emptied and went quiet: a keyframe for f1 once 18 s passed, not before.
    moved.add("f2");
    expect(floorsToSample(moved, last, 20_000, timing)).toEqual(["f2"]);
    moved.add("f2");
    expect(floorsToSample(moved, last, 28_000, timing).sort()).toEqual(["f1", "f2"]);
    expect(last.get("f1")).toBe(28_000);
  });

  it("never samples a floor nobody was ever seen on", () => {
    expect(floorsToSample(new Set(), new Map(), 1_000_000, timing)).toEqual([]);
  });
});
