import { describe, expect, it } from "vitest";
import type { FirehoseEvent, LocationNode } from "@/lib/firehose/decode";
import { createEngine, DEVICE_TTL_MS, FRESHNESS_STEP_MS } from "@/lib/occupancy/engine";

const node = (locationId: string, types: string[], parentId: string | null): LocationNode => ({ locationId, name: locationId, inferredLocationTypes: types, parentId });
const building = node("b", ["NETWORK", "BUILDING"], "campus");
const chain = (floor: string) => [node(floor, ["FLOOR"], "b"), building, node("campus", ["CAMPUS"], "root"), node("root", ["ROOT"], null)];
const env = (ts: number, uid = `u${ts}`) => ({ uid, ts, spacesTenantId: "s", partnerTenantId: "p" });

const located = (device: string, floor: string, ts: number, x = 1, y = 2): FirehoseEvent => ({
  ...env(ts, `${device}-${ts}`),
  type: "DEVICE_LOCATION_UPDATE",
  chain: chain(floor),
  deviceId: device,
  mapId: `map-${floor}`,
  x,
  y,
});
const exit = (device: string, floor: string, ts: number): FirehoseEvent => ({ ...env(ts), type: "DEVICE_PRESENCE", chain: chain(floor), deviceId: device, presence: "exit" });
const camera = (floor: string, count: number, ts: number): FirehoseEvent => ({ ...env(ts), type: "CAMERA_COUNT", chain: chain(floor), count });

describe("occupancy engine", () => {
  it("learns the hierarchy from the location chain, with the floor's map", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    const changes = e.drain();
    expect(changes.locations.map((l) => [l.id, l.type, l.parentId])).toEqual([
      ["root", "ROOT", null],
      ["campus", "CAMPUS", "root"],
      ["b", "BUILDING", "campus"],
      ["f1", "FLOOR", "b"],
    ]);
    expect(e.location("f1")?.mapId).toBe("map-f1");
  });

  it("counts Wi-Fi devices per floor and sums floors into the building", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(located("d2", "f1", 1000));
    e.apply(located("d3", "f2", 1000));
    const c = e.drain().counts;
    expect(c.f1).toEqual({ count: 2, source: "wifi", at: 1000 });
    expect(c.f2).toEqual({ count: 1, source: "wifi", at: 1000 });
    expect(c.b).toEqual({ count: 3, source: "wifi", at: 1000 });
  });

  it("prefers a camera count over Wi-Fi and labels a building fed by both as mixed", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(located("d2", "f2", 1000));
    e.apply(camera("f1", 7, 2000));
    const c = e.drain().counts;
    expect(c.f1).toEqual({ count: 7, source: "camera", at: 2000 });
    expect(c.b).toEqual({ count: 8, source: "mixed", at: 2000 });
  });

  it("moves a device between floors without counting it twice", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.drain();
    e.apply(located("d1", "f2", 2000));
    const changes = e.drain();
    expect(changes.counts.f1?.count).toBe(0);
    expect(changes.counts.f2?.count).toBe(1);
    expect(e.occupancy("b").count).toBe(1);
    expect(changes.floors.f1?.removed).toHaveLength(1);
  });

  it("removes a device on exit, and a late older update does not bring it back", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(exit("d1", "f1", 3000));
    e.apply(located("d1", "f1", 2000)); // delivered late from another partition
    e.drain();
    expect(e.occupancy("f1").count).toBe(0);
    expect(e.devicesOn("f1")).toEqual([]);
    e.apply(located("d1", "f1", 4000)); // a genuine return
    e.drain();
    expect(e.occupancy("f1").count).toBe(1);
  });

  it("ignores a camera count older than the one it holds", () => {
    const e = createEngine();
    e.apply(camera("f1", 9, 5000));
    e.apply(camera("f1", 4, 4000));
    e.drain();
    expect(e.occupancy("f1").count).toBe(9);
  });

  it("forgets devices unheard of for the TTL, by event time", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(located("d2", "f2", 1000 + DEVICE_TTL_MS));
    e.drain();
    expect(e.occupancy("f1").count).toBe(1);
    e.apply(located("d2", "f2", 1001 + DEVICE_TTL_MS));
    e.drain();
    expect(e.occupancy("f1").count).toBe(0);
    expect(e.occupancy("f2").count).toBe(1);
  });

  it("emits a count only when it changes, and positions with anonymous aliases", () => {
    const e = createEngine();
    e.apply(located("device-secret", "f1", 1000, 10, 20));
    const first = e.drain();
    expect(first.floors.f1?.moved).toEqual([[1, 10, 20]]);
    expect(JSON.stringify(first)).not.toContain("device-secret");
    e.apply(located("device-secret", "f1", 2000, 10, 20));
    expect(e.drain().counts).toEqual({});
    e.apply(located("device-secret", "f1", 1000 + FRESHNESS_STEP_MS, 10, 20));
    expect(e.drain().counts.f1).toEqual({ count: 1, source: "wifi", at: 1000 + FRESHNESS_STEP_MS });
    e.apply(camera("f2", 0, 2000));
    e.apply(camera("f2", 0, 2000));
    expect(Object.keys(e.drain().counts).sort()).toEqual(["b", "campus", "f2", "root"]);
    expect(Object.keys(e.drain().counts)).toEqual([]);
  });
});
