import { describe, expect, it } from "vitest";
import { createPipeline, GAP_MS, parsePipelineState } from "@/lib/ingest/pipeline";
import { clipGaps } from "@/lib/history/build";

// A reconnect whose first record is far later than where the stream stopped is a data gap: it is
// reported once, kept out of the rollups (no count is stretched over it), and survives a restart.

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const line = (ts: number, n: number) =>
  JSON.stringify({
    recordUid: `event-${ts}-${n}`,
    recordTimestamp: ts,
    spacesTenantId: "spaces-tenant-1",
    partnerTenantId: "acme",
    eventType: "CAMERA_COUNT",
    cameraCounts: {
      location: { locationId: "location-f1", name: "Floor 1", inferredLocationTypes: ["FLOOR"] },
      count: n,
      countDelta: 0,
    },
  });
const feed = (p: ReturnType<typeof createPipeline>, from: number, to: number, count: number) => {
  for (let t = from; t < to; t += 5_000) p.accept(line(t, count));
};

describe("data gaps", () => {
  it("reports a gap when the first record after a reconnect is far past the newest one, and holds no count inside it", () => {
    const p = createPipeline({ partnerTenantId: "acme" });
    feed(p, T0, T0 + 3 * 60_000, 7);
    p.resumed();
    const after = T0 + 3 * 60_000 + GAP_MS + 60_000;
    feed(p, after, after + 2 * 60_000, 7);
    p.settle();
    const cp = p.checkpoint();
    expect(cp.gaps).toEqual([{ from: T0 + 3 * 60_000 - 5_000, to: after }]);
    const inside = cp.buckets.filter((b) => b.bucket >= T0 + 3 * 60_000 && b.bucket + 60_000 <= after);
    expect(inside).toEqual([]);
    expect(p.checkpoint().gaps).toEqual([]); // handed over once
  });

  it("reports none when the stream resumes within its replay window (from before where it stopped)", () => {
    const p = createPipeline({ partnerTenantId: "acme" });
    feed(p, T0, T0 + 3 * 60_000, 7);
    p.resumed();
    feed(p, T0 + 3 * 60_000 - 15_000, T0 + 6 * 60_000, 7);
    expect(p.checkpoint().gaps).toEqual([]);
  });

  it("still sees the gap after a restart from the last checkpoint", () => {
    const first = createPipeline({ partnerTenantId: "acme" });
    feed(first, T0, T0 + 3 * 60_000, 7);
    first.settle();
    const restored = createPipeline({
      partnerTenantId: "acme",
      restore: parsePipelineState(first.checkpoint().state)!,
    });
    restored.resumed();
    feed(restored, T0 + 30 * 60_000, T0 + 31 * 60_000, 7);
    expect(restored.checkpoint().gaps).toEqual([{ from: T0 + 3 * 60_000 - 5_000, to: T0 + 30 * 60_000 }]);
  });

  it("clips gaps to a chart's window and merges those that touch", () => {
    expect(
      clipGaps(
        [
          { from: 50, to: 120 },
          { from: 0, to: 20 },
          { from: 110, to: 150 },
          { from: 300, to: 400 },
        ],
        10,
        200,
      ),
    ).toEqual([
      { from: 10, to: 20 },
      { from: 50, to: 150 },
    ]);
  });
});
