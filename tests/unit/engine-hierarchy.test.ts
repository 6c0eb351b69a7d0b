import { describe, expect, it } from "vitest";
import { createEngine } from "@/lib/occupancy/engine";
import { camera, change, chainOf, info, located, node, tenant, users } from "./engine-events";

// The location tree from LOCATION_CHANGE and event chains, and tenants from APP_(DE_)ACTIVATION.

describe("occupancy engine: hierarchy", () => {
  it("learns names and the floor map from LOCATION_CHANGE, sending each changed location once per drain", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("f1"), 1000, "map-1"));
    e.apply(change("UPDATE", [{ ...node("f1", ["FLOOR"], "b"), name: "Level 1" }, ...chainOf("b")], 2000));
    const changes = e.drain();
    expect(changes.locations.map((l) => l.id)).toEqual(["root", "campus", "b", "f1"]);
    expect(changes.locations.at(-1)).toEqual({
      id: "f1",
      name: "Level 1",
      type: "FLOOR",
      parentId: "b",
      mapId: "map-1",
    });
    e.apply(located("d1", "f1", 3000));
    expect(e.location("f1")?.mapId).toBe("map-f1");
    e.apply({ ...located("d2", "f1", 4000), mapId: "" } as ReturnType<typeof located>); // empty: keeps the known map
    expect(e.location("f1")?.mapId).toBe("map-f1");
  });

  it("moves a floor to another building and re-counts both buildings", () => {
    const e = createEngine();
    e.apply(camera("f2", 5, 1000));
    e.apply(camera("f3", 1, 1000));
    expect(e.occupancy("b").count).toBe(5);
    e.drain();
    e.apply(change("MOVE", [node("f2", ["FLOOR"], "b2"), ...chainOf("b2")], 2000));
    const c = e.drain().counts;
    expect(c.b).toEqual({ count: 0, source: null, rollup: false, mixed: false, at: null });
    expect(c.b2).toMatchObject({ count: 6, source: "camera", rollup: true });
  });

  it("removes a location with everything under it, and older events do not bring it back", () => {
    const e = createEngine();
    e.apply(located("d1", "z1", 1000, 3, 4));
    e.apply(camera("f2", 2, 1000));
    e.drain();
    e.apply(change("REMOVE", chainOf("f1"), 2000));
    const changes = e.drain();
    expect(changes.removedLocations).toEqual(["f1", "z1"]);
    expect(changes.floors.f1).toBeUndefined();
    expect(e.location("z1")).toBeUndefined();
    expect(changes.counts.b).toEqual({
      count: 2,
      source: "camera",
      rollup: true,
      mixed: false,
      at: 1000,
      parts: 1,
      partType: "FLOOR",
    });
    e.apply(located("d1", "z1", 1500)); // sent before the removal, delivered after
    expect(e.location("f1")).toBeUndefined();
    expect(e.devicesOn("f1")).toEqual([]);
    e.apply(located("d1", "z1", 2500)); // Cisco sends it again: it exists again
    expect(e.location("f1")?.parentId).toBe("b");
    expect(e.occupancy("b").count).toBe(3);
  });

  it("keeps a tree: refuses a parent that would make a loop, and a cut-short chain keeps the known parent", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    e.apply(change("MOVE", [node("b", ["BUILDING"], "f1"), node("f1", ["FLOOR"], "b")], 2000));
    expect(e.location("b")?.parentId).toBe("campus");
    e.apply(users("f1", 3, 3000));
    e.apply({ ...users("f1", 4, 4000), chain: [node("f1", ["FLOOR"], null)] } as ReturnType<typeof users>);
    expect(e.location("f1")?.parentId).toBe("b");
    expect(e.occupancy("root")).toMatchObject({ count: 4, rollup: true });
  });

  it("learns locations from informational events too", () => {
    const e = createEngine();
    e.apply(info("NETWORK_TELEMETRY", "f3", 1000));
    e.apply(info("NETWORK_STATUS_UPDATE", null, 1000));
    expect(e.locations().map((l) => l.id)).toEqual(["root", "campus", "b2", "f3"]);
  });
});

describe("occupancy engine: tenants", () => {
  it("reports activations and deactivations once each, the newest winning", () => {
    const e = createEngine();
    e.apply(tenant("APP_ACTIVATION", 1000));
    e.apply(tenant("APP_ACTIVATION", 1500)); // re-delivered: nothing new
    expect(e.drain().tenants).toEqual([
      {
        spacesTenantId: "spaces-tenant-1",
        partnerTenantId: "partner-1",
        referenceId: "",
        state: "activated",
        at: 1000,
      },
    ]);
    expect(e.drain().tenants).toEqual([]);
    e.apply(tenant("APP_DE_ACTIVATION", 2000));
    e.apply(tenant("APP_ACTIVATION", 1800)); // older than the deactivation
    expect(e.drain().tenants.map((t) => t.state)).toEqual(["deactivated"]);
    expect(e.tenants()).toEqual([
      {
        spacesTenantId: "spaces-tenant-1",
        partnerTenantId: "partner-1",
        referenceId: "",
        state: "deactivated",
        at: 2000,
      },
    ]);
  });
});
