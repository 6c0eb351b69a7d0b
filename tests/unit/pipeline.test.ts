import { describe, expect, it } from "vitest";
import { decodeLine } from "@/lib/firehose/decode";
import { createPipeline, parsePipelineState, RESUME_OVERLAP_MS, type Pipeline } from "@/lib/ingest/pipeline";
import type { Bucket } from "@/lib/occupancy/rollup";

// A small synthetic stream in the documented format: devices wandering between two floors,
// a camera on floor 1, one event per device every 2 s for 4 minutes.
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const chain = (floor: number) => ({
  locationId: `location-f${floor}`,
  name: `Floor ${floor}`,
  inferredLocationTypes: ["FLOOR"],
  parent: {
    locationId: "location-b",
    name: "HQ",
    inferredLocationTypes: ["BUILDING"],
    parent: { locationId: "location-root", name: "Root", inferredLocationTypes: ["ROOT"] },
  },
});
function stream(): Array<{ ts: number; line: string }> {
  const out: Array<{ ts: number; line: string }> = [];
  for (let s = 0; s < 240; s += 2) {
    const ts = T0 + s * 1000;
    for (let d = 0; d < 12; d++) {
      const floor = ((d + Math.floor(s / 30)) % 3) + 1 === 3 ? 2 : 1;
      out.push({
        ts,
        line: JSON.stringify({
          recordUid: `event-${s}-${d}`,
          recordTimestamp: ts,
          spacesTenantId: "spaces-tenant-1",
          partnerTenantId: "acme",
          eventType: "DEVICE_LOCATION_UPDATE",
          deviceLocationUpdate: {
            device: { deviceId: `device-${d}` },
            location: chain(floor),
            mapId: `map-${floor}`,
            xPos: d * 3 + s / 10,
            yPos: 10,
          },
        }),
      });
    }
    if (s % 10 === 0) {
      out.push({
        ts,
        line: JSON.stringify({
          recordUid: `event-cam-${s}`,
          recordTimestamp: ts,
          spacesTenantId: "spaces-tenant-1",
          partnerTenantId: "acme",
          eventType: "CAMERA_COUNT",
          cameraCounts: { location: chain(1), count: 5 + ((s / 10) % 4), countDelta: 0 },
        }),
      });
    }
  }
  return out;
}

/** What the database would hold: the latest version of each (location, minute). */
function store(into: Map<string, Bucket>, buckets: Bucket[]) {
  for (const b of buckets) into.set(`${b.locationId}|${b.series}|${b.bucket}`, b);
}

function finalCounts(p: Pipeline) {
  p.settle();
  p.drain();
  return Object.fromEntries(p.engine.locations().map((l) => [l.id, p.engine.occupancy(l.id)]));
}

describe("ingest pipeline", () => {
  const events = stream();

  it("gives the same rollups and counts when interrupted and resumed from its checkpoint", () => {
    const clean = createPipeline({ partnerTenantId: "acme" });
    const cleanDb = new Map<string, Bucket>();
    events.forEach((e, i) => {
      clean.accept(e.line);
      if (i % 97 === 0) clean.drain();
    });
    clean.settle();
    store(cleanDb, clean.checkpoint().buckets);

    const first = createPipeline({ partnerTenantId: "acme" });
    const db = new Map<string, Bucket>();
    const cut = Math.floor(events.length * 0.6);
    events.slice(0, cut).forEach((e, i) => {
      first.accept(e.line);
      if (i % 31 === 0) first.drain();
      if (i % 200 === 0) store(db, first.checkpoint().buckets);
    });
    const cp = first.checkpoint();
    store(db, cp.buckets);
    // ... and events after the checkpoint were applied in memory, then lost in a crash.
    events.slice(cut, cut + 50).forEach((e) => first.accept(e.line));

    const resumed = createPipeline({ partnerTenantId: "acme", restore: parsePipelineState(cp.state)! });
    const from = cp.recordTimestamp - RESUME_OVERLAP_MS;
    const replay = events.filter((e) => e.ts >= from);
    replay.forEach((e) => resumed.accept(e.line));
    resumed.settle();
    store(db, resumed.checkpoint().buckets);

    expect(resumed.counters.duplicates).toBeGreaterThan(0); // the overlap was there and was skipped
    expect([...db.entries()].sort()).toEqual([...cleanDb.entries()].sort());
    expect(finalCounts(resumed)).toEqual(finalCounts(clean));
  });

  it("resumes from a checkpoint written by the previous release (record ids listed one by one)", () => {
    const cut = Math.floor(events.length * 0.5);
    const run = (state: string) => {
      const p = createPipeline({ partnerTenantId: "acme", restore: parsePipelineState(state)! });
      events.filter((e) => e.ts >= T0 + (cut / 12) * 2000 - RESUME_OVERLAP_MS).forEach((e) => p.accept(e.line));
      p.settle();
      return { buckets: p.checkpoint().buckets, counts: finalCounts(p), duplicates: p.counters.duplicates };
    };
    const first = createPipeline({ partnerTenantId: "acme" });
    events.slice(0, cut).forEach((e) => first.accept(e.line));
    const { state } = first.checkpoint();
    const v2 = JSON.parse(state) as { seenAt: Array<[number, string[]]>; seen?: unknown; v: number };
    const v1 = {
      ...v2,
      v: 1,
      seen: v2.seenAt.flatMap(([ts, uids]) => uids.map((uid) => [uid, ts])),
      seenAt: undefined,
    };
    expect(v1.seen.length).toBeGreaterThan(0);
    const fromV1 = run(JSON.stringify(v1));
    expect(fromV1.duplicates).toBeGreaterThan(0);
    expect(fromV1).toEqual(run(state));
  });

  it("applies lines that arrive slightly out of order in event order", () => {
    const run = (lines: string[]) => {
      const p = createPipeline({ partnerTenantId: "acme" });
      lines.forEach((l) => p.accept(l));
      p.settle();
      return { buckets: p.checkpoint().buckets, counts: finalCounts(p) };
    };
    const ordered = events.map((e) => e.line);
    const shuffled: string[] = [];
    for (let i = 0; i < ordered.length; i += 5) shuffled.push(...ordered.slice(i, i + 5).reverse());
    expect(run(shuffled)).toEqual(run(ordered));
  });

  it("reports the earliest read time of the records applied since the last drain, across the reorder buffer", () => {
    const p = createPipeline({ partnerTenantId: "acme" });
    const lines = events.slice(0, 100).map((e) => e.line);
    lines.slice(0, 10).forEach((l) => p.acceptDecoded(decodeLine(l), 1_000));
    expect(p.drain().readAt).toBeUndefined(); // still in the reorder buffer: nothing applied yet
    lines.slice(10).forEach((l) => p.acceptDecoded(decodeLine(l), 2_000));
    expect(p.drain().readAt).toBe(1_000); // the first lines were read first and waited longest
    p.settle();
    expect(p.drain().readAt).toBe(2_000);
    expect(p.drain().readAt).toBeUndefined();
  });

  it("skips duplicates and other tenants' records, counting each by reason", () => {
    const p = createPipeline({ partnerTenantId: "acme" });
    const [a, b] = events;
    p.accept(a!.line);
    p.accept(a!.line);
    p.accept(b!.line.replace('"acme"', '"someone-else"'));
    p.accept("{broken");
    p.accept(JSON.stringify({ recordUid: "x", recordTimestamp: 1, eventType: "FUTURE_EVENT" }));
    p.reject("oversized", "too long");
    p.settle();
    expect(p.counters).toMatchObject({
      lines: 5,
      duplicates: 1,
      applied: { DEVICE_LOCATION_UPDATE: 1 },
      skipped: { wrong_tenant: 1, json: 1, unknown_type: 1, oversized: 1 },
    });
  });

  it("rejects a checkpoint state it does not understand instead of resuming from garbage", () => {
    expect(parsePipelineState("{}")).toBeNull();
    expect(parsePipelineState("not json")).toBeNull();
  });
});
