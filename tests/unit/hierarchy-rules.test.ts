import { describe, expect, it } from "vitest";
import type { LocationNode } from "@/lib/firehose/decode";
import { buildingOf, floorsByBuilding } from "@/lib/occupancy/building-of";
import { createHierarchy, locationType } from "@/lib/occupancy/hierarchy";
import type { LocationInfo } from "@/lib/occupancy/types";

// Hierarchies that are not ours: the guide's own sample (ROOT, MSE, CAMPUS, NETWORK, FLOOR), GROUP and
// CMX levels, nodes with several types. Every node keeps its place; a floor always finds its building.

/** A chain, most specific first, from [id, types] pairs listed root first. */
function chain(...levels: Array<[string, string[]]>): LocationNode[] {
  const out: LocationNode[] = [];
  levels.forEach(([id, types], i) =>
    out.unshift({
      locationId: id,
      name: `${id} name`,
      inferredLocationTypes: types,
      parentId: i ? levels[i - 1]![0] : null,
    }),
  );
  return out;
}

function learnAll(...chains: LocationNode[][]) {
  const h = createHierarchy();
  const changes: LocationInfo[] = [];
  for (const c of chains) h.learn(c, null, "", (now) => changes.push(now));
  return { h, changes, type: (id: string) => h.get(id)?.type };
}

describe("location types", () => {
  it("understands several types on one node, and a floor typed as a zone too stays the floor", () => {
    expect(locationType(["NETWORK", "BUILDING"])).toBe("BUILDING");
    expect(locationType(["CAMPUS", "BUILDING"])).toBe("BUILDING");
    expect(locationType(["ZONE", "FLOOR"])).toBe("FLOOR");
    expect(locationType(["NETWORK"])).toBe("OTHER");
    expect(locationType(["GROUP"])).toBe("OTHER");
    expect(locationType([])).toBe("OTHER");
  });
});

describe("the building rule", () => {
  it("makes the guide's NETWORK node the building of its floors and keeps every level in place", () => {
    const { h, type } = learnAll(
      chain(
        ["root", ["ROOT"]],
        ["mse", ["MSE"]],
        ["campus", ["CAMPUS"]],
        ["net", ["NETWORK"]],
        ["f1", ["FLOOR"]],
        ["z1", ["ZONE"]],
      ),
    );
    expect(type("net")).toBe("BUILDING");
    expect(type("mse")).toBe("OTHER");
    expect(type("campus")).toBe("CAMPUS");
    expect(h.get("net")?.parentId).toBe("campus");
    expect(h.get("campus")?.parentId).toBe("mse");
    expect(h.get("f1")?.parentId).toBe("net");
  });

  it("leaves a GROUP between a typed building and its floors as it is", () => {
    const { h, type } = learnAll(
      chain(["root", ["ROOT"]], ["b", ["BUILDING"]], ["wing", ["GROUP"]], ["f1", ["FLOOR"]]),
    );
    expect(type("b")).toBe("BUILDING");
    expect(type("wing")).toBe("OTHER");
    expect(h.get("f1")?.parentId).toBe("wing");
  });

  it("promotes the parent only once floors hang under it, and reports the change", () => {
    const { h, changes, type } = learnAll(chain(["root", ["ROOT"]], ["cmx", ["CMX"]], ["net", ["NETWORK"]]));
    expect(type("net")).toBe("OTHER");
    changes.length = 0;
    h.learn(chain(["root", ["ROOT"]], ["cmx", ["CMX"]], ["net", ["NETWORK"]], ["f1", ["FLOOR"]]), null, "", (now) =>
      changes.push(now),
    );
    expect(type("net")).toBe("BUILDING");
    expect(type("cmx")).toBe("OTHER");
    expect(changes.map((c) => [c.id, c.type])).toEqual([
      ["net", "BUILDING"],
      ["f1", "FLOOR"],
    ]);
  });

  it("keeps the role when the building itself is the most specific node of an event", () => {
    const { h, changes, type } = learnAll(chain(["root", ["ROOT"]], ["net", ["NETWORK"]], ["f1", ["FLOOR"]]));
    changes.length = 0;
    h.learn(chain(["root", ["ROOT"]], ["net", ["NETWORK"]]), null, "", (now) => changes.push(now));
    expect(type("net")).toBe("BUILDING");
    expect(changes).toEqual([]);
  });

  it("finds the building of a floor whose event chain was cut short, from the parent known before", () => {
    const { h, type } = learnAll(chain(["root", ["ROOT"]], ["net", ["NETWORK"]]));
    h.learn(
      [{ locationId: "f9", name: "Floor 9", inferredLocationTypes: ["FLOOR"], parentId: "net" }],
      null,
      "",
      () => {},
    );
    expect(type("net")).toBe("BUILDING");
  });

  it("drops the role when the last floor moves away, and the new parent takes it", () => {
    const { h, changes, type } = learnAll(
      chain(["root", ["ROOT"]], ["a", ["NETWORK"]], ["f1", ["FLOOR"]]),
      chain(["root", ["ROOT"]], ["b", ["NETWORK"]]),
    );
    changes.length = 0;
    h.learn(chain(["root", ["ROOT"]], ["b", ["NETWORK"]], ["f1", ["FLOOR"]]), null, "", (now) => changes.push(now));
    expect(type("a")).toBe("OTHER");
    expect(type("b")).toBe("BUILDING");
    expect(changes.map((c) => c.id)).toEqual(["a", "b", "f1"]);
  });

  it("does not promote anything when a node above is typed BUILDING, however far up", () => {
    const { type } = learnAll(
      chain(["root", ["ROOT"]], ["b", ["NETWORK", "BUILDING"]], ["g", ["GROUP"]], ["g2", ["GROUP"]], ["f1", ["FLOOR"]]),
    );
    expect(type("g2")).toBe("OTHER");
    expect(type("b")).toBe("BUILDING");
  });

  it("restored from storage, a building by position stays one", () => {
    const h = createHierarchy([
      { id: "net", name: "Net", type: "BUILDING", parentId: null, mapId: null },
      { id: "f1", name: "F1", type: "FLOOR", parentId: "net", mapId: "m" },
    ]);
    const changes: LocationInfo[] = [];
    h.learn(
      [
        { locationId: "f1", name: "F1", inferredLocationTypes: ["FLOOR"], parentId: "net" },
        { locationId: "net", name: "Net", inferredLocationTypes: ["NETWORK"], parentId: null },
      ],
      null,
      "",
      (n) => changes.push(n),
    );
    expect(h.get("net")?.type).toBe("BUILDING");
    expect(changes).toEqual([]);
  });
});

describe("a floor's building for the overview and kiosks", () => {
  it("is the nearest building above, through any group in between; none when there is none", () => {
    const locs = [
      { id: "root", type: "ROOT", parentId: null },
      { id: "b", type: "BUILDING", parentId: "root" },
      { id: "g", type: "OTHER", parentId: "b" },
      { id: "f1", type: "FLOOR", parentId: "g" },
      { id: "f2", type: "FLOOR", parentId: "b" },
      { id: "loose", type: "FLOOR", parentId: "root" },
    ];
    const byId = new Map(locs.map((l) => [l.id, l]));
    expect(buildingOf(byId, "f1")).toBe("b");
    expect(buildingOf(byId, "loose")).toBeNull();
    const groups = floorsByBuilding(locs);
    expect(groups.get("b")?.map((l) => l.id)).toEqual(["f1", "f2"]);
    expect(groups.get("")?.map((l) => l.id)).toEqual(["loose"]);
  });
});
