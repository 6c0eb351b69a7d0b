import { describe, expect, it } from "vitest";
import { createEngine, DEVICE_TTL_MS, FRESHNESS_STEP_MS } from "@/lib/occupancy/engine";
import { wifi } from "../helpers/wifi-count";
import { camera, entry, exit, keepAlive, located, MIN, presence } from "./engine-events";

// Devices located by Wi-Fi: where they count, how they move, and when they stop counting. The count
// shown is people: the devices through the default devices-per-person ratio (nothing taught one here).

describe("occupancy engine: devices", () => {
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

  it("counts devices per floor and adds the floors up in the building, without calling it a roll-up", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(located("d2", "f1", 1000));
    e.apply(located("d3", "f2", 1000));
    const c = e.drain().counts;
    expect(c.f1).toEqual(wifi(2, 1000));
    expect(c.f2).toEqual(wifi(1, 1000));
    expect(c.b).toEqual(wifi(3, 1000));
  });

  it("moves a device between floors without counting it twice", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.drain();
    e.apply(located("d1", "f2", 2000));
    const changes = e.drain();
    expect(changes.counts.f1?.devices).toBe(0);
    expect(changes.counts.f2?.devices).toBe(1);
    expect(e.occupancy("b").devices).toBe(1);
    expect(changes.floors.f1?.removed).toHaveLength(1);
    expect(changes.floors.f2?.moved).toHaveLength(1);
  });

  it("removes a device on exit, and a late older update does not bring it back", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(exit("d1", "f1", 3000));
    e.apply(located("d1", "f1", 2000)); // delivered late from another partition
    e.drain();
    expect(e.occupancy("f1").devices).toBe(0);
    expect(e.devicesOn("f1")).toEqual([]);
    e.apply(located("d1", "f1", 4000)); // a genuine return
    e.drain();
    expect(e.occupancy("f1").devices).toBe(1);
  });

  it("follows the presence lifecycle: entry counts, inactive and exit stop counting, active counts again", () => {
    const e = createEngine();
    e.apply(presence("d1", "f1", "entry", 1000));
    expect(e.occupancy("f1").devices).toBe(1);
    e.apply(presence("d1", "f1", "inactive", 2000));
    expect(e.occupancy("f1").devices).toBe(0);
    e.apply(presence("d1", "f1", "active", 1500)); // older than the inactivity: refused
    expect(e.occupancy("f1").devices).toBe(0);
    e.apply(presence("d1", "f1", "active", 3000));
    expect(e.occupancy("f1").devices).toBe(1);
    e.apply(presence("d1", "f1", "exit", 4000));
    expect(e.occupancy("f1").devices).toBe(0);
    e.apply(entry("d1", "f2", 5000));
    expect(e.occupancy("f2").devices).toBe(1);
    e.apply(exit("d1", "f2", 6000));
    expect(e.occupancy("b").devices).toBe(0);
  });

  it("keeps a device on its floor when presence names only the building around it", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000, 10, 20));
    e.apply(presence("d1", "b", "active", 2000));
    e.drain();
    expect(e.occupancy("f1").devices).toBe(1);
    expect(e.occupancy("b").devices).toBe(1);
    expect(e.devicesOn("f1")).toEqual([[1, 10, 20]]);
  });

  it("puts a device located in a zone on its floor's map, counting it in the zone and the floor", () => {
    const e = createEngine();
    e.apply(located("d1", "z1", 1000, 5, 6));
    const changes = e.drain();
    expect(Object.keys(changes.floors)).toEqual(["f1"]);
    expect(e.location("f1")?.mapId).toBe("map-z1");
    expect(changes.counts.z1).toEqual(wifi(1, 1000));
    expect(changes.counts.f1).toEqual(wifi(1, 1000));
  });

  it("forgets devices unheard of for the TTL, by event time and before any drain", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(located("d2", "f2", 1000 + DEVICE_TTL_MS));
    expect(e.occupancy("f1").devices).toBe(1);
    e.apply(located("d2", "f2", 1001 + DEVICE_TTL_MS));
    expect(e.occupancy("f1").devices).toBe(0);
    expect(e.occupancy("f2").devices).toBe(1);
    expect(e.drain().floors.f1?.removed).toEqual([1]);
  });

  it("shows an emptied floor as 0 with when its last device left, however long it stays empty", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 0));
    e.apply(exit("d1", "f1", MIN));
    expect(e.occupancy("f1")).toEqual({ ...wifi(0, MIN), emptySince: MIN });
    e.apply(keepAlive(MIN + DEVICE_TTL_MS + 1));
    e.apply(keepAlive(MIN + 10 * DEVICE_TTL_MS));
    expect(e.occupancy("f1")).toEqual({ ...wifi(0, MIN), emptySince: MIN });
    expect(e.occupancy("b")).toMatchObject({ count: 0, source: "wifi_devices", emptySince: MIN });
    expect(e.occupancy("f2").source).toBeNull(); // never had a device: no data, not 0
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
    expect(e.drain().counts.f1).toEqual(wifi(1, 1000 + FRESHNESS_STEP_MS));
    e.apply(camera("f2", 0, 7000));
    e.apply(camera("f2", 0, 7000));
    expect(Object.keys(e.drain().counts).sort()).toEqual(["b", "campus", "f2", "root"]);
    expect(Object.keys(e.drain().counts)).toEqual([]);
  });
});
