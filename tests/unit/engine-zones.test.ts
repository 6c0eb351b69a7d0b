import { describe, expect, it } from "vitest";
import { createEngine } from "@/lib/occupancy/engine";
import { wifi } from "../helpers/wifi-count";
import { square } from "../helpers/polygon";
import { camera, change, chainOf, entry, located, node } from "./engine-events";

// Zones drawn as polygons (feet, on the zone's floor) count the devices located inside them.

/** An engine that knows zone z1 on floor f1, outlined by a 10 ft square at the origin. */
function withZone() {
  const e = createEngine();
  e.apply(change("ADD", chainOf("z1"), 0));
  e.setZonePolygon("z1", square(0, 0, 10));
  return e;
}

describe("occupancy engine: zones by polygon", () => {
  it("counts devices inside a zone's polygon as the zone's Wi-Fi devices, and once on the floor", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("z1"), 0));
    expect(e.setZonePolygon("z1", square(0, 0, 10))).toBe(true);
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(located("d2", "f1", 1000, 50, 50));
    expect(e.occupancy("z1")).toEqual(wifi(1, 1000));
    expect(e.occupancy("f1")).toEqual(wifi(2, 1000));
    expect(e.occupancy("b").devices).toBe(2);
    e.apply(located("d1", "f1", 2000, 20, 5)); // walks out
    expect(e.occupancy("z1")).toEqual({ ...wifi(0, 1000), emptySince: 1000 });
    expect(e.occupancy("f1")).toEqual(wifi(2, 2000));
  });

  it("counts a device in overlapping zones only in the smallest one", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("z1"), 0));
    e.apply(change("ADD", chainOf("z2"), 0));
    e.setZonePolygon("z1", square(0, 0, 100));
    e.setZonePolygon("z2", square(0, 0, 10));
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(located("d2", "f1", 1000, 50, 50));
    expect(e.occupancy("z2").devices).toBe(1);
    expect(e.occupancy("z1").devices).toBe(1);
    expect(e.occupancy("f1").devices).toBe(2);
  });

  it("re-counts devices already on the floor when a polygon is set, changed or cleared", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("z1"), 0));
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.drain();
    e.setZonePolygon("z1", square(0, 0, 10));
    expect(e.drain().counts.z1).toEqual(wifi(1, 1000));
    e.setZonePolygon("z1", square(100, 100, 10));
    expect(e.occupancy("z1").devices).toBe(0);
    e.setZonePolygon("z1", square(0, 0, 10));
    e.setZonePolygon("z1", null);
    expect(e.occupancy("z1").devices).toBe(0);
    expect(e.occupancy("f1").devices).toBe(1);
  });

  it("applies a polygon set before the zone is known once the zone appears under its floor", () => {
    const e = createEngine();
    e.setZonePolygon("z1", square(0, 0, 10));
    e.apply(located("d1", "f1", 1000, 5, 5));
    expect(e.occupancy("f1").devices).toBe(1);
    e.apply(change("ADD", chainOf("z1"), 2000));
    expect(e.occupancy("z1").devices).toBe(1);
    expect(e.occupancy("f1").devices).toBe(1);
  });

  it("ignores devices on other floors and devices without a position", () => {
    const e = withZone();
    e.apply(located("d1", "f2", 1000, 5, 5));
    e.apply(entry("d2", "f1", 1000));
    expect(e.occupancy("z1").source).toBeNull();
  });

  it("lets a zone's own count (a camera) win over the devices inside it", () => {
    const e = withZone();
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(camera("z1", 3, 1000));
    expect(e.occupancy("z1")).toMatchObject({ count: 3, source: "camera" });
    expect(e.occupancy("f1")).toEqual({
      count: 3,
      source: "camera",
      rollup: true,
      mixed: false,
      at: 1000,
      parts: 1,
      partType: "ZONE",
    });
  });

  it("refuses outlines that are not polygons", () => {
    const e = createEngine();
    expect(
      e.setZonePolygon("z1", [
        [0, 0],
        [1, 1],
      ]),
    ).toBe(false);
    expect(
      e.setZonePolygon("z1", [
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toBe(false); // no area
    expect(
      e.setZonePolygon("z1", [
        [0, 0],
        [Number.NaN, 1],
        [2, 0],
      ]),
    ).toBe(false);
  });

  it("keeps a removed zone's polygon for when Cisco adds the zone again", () => {
    const e = withZone();
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(change("REMOVE", chainOf("z1"), 2000));
    expect(e.occupancy("f1")).toEqual(wifi(1, 1000)); // back on the floor, as of its own last event
    e.apply(change("ADD", chainOf("z1"), 3000));
    expect(e.occupancy("z1")).toEqual(wifi(1, 1000));
    expect(e.occupancy("f1").devices).toBe(1);
  });

  it("follows a zone that Cisco moves to another floor", () => {
    const e = withZone();
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(located("d2", "f2", 1000, 5, 5));
    expect(e.occupancy("z1").devices).toBe(1);
    e.apply(change("MOVE", [node("z1", ["ZONE"], "f2"), ...chainOf("f2")], 2000));
    expect(e.location("z1")?.parentId).toBe("f2");
    expect(e.occupancy("z1").devices).toBe(1);
    expect(e.occupancy("f1").devices).toBe(1);
    expect(e.occupancy("f2").devices).toBe(1);
  });
});
