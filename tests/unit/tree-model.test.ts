import { describe, expect, it } from "vitest";
import {
  ancestorsOf,
  buildTree,
  keyAction,
  pathTo,
  visibleRows,
  type TreeLocation,
} from "@/components/location-tree/tree";

const L = (id: string, name: string, type: TreeLocation["type"], parentId: string | null): TreeLocation => ({
  id,
  name,
  type,
  parentId,
});
const locs = [
  L("root", "Root", "ROOT", null),
  L("campus", "Demo Campus", "CAMPUS", "root"),
  L("hq", "HQ", "BUILDING", "campus"),
  L("annex", "Annex", "BUILDING", "campus"),
  L("f10", "Floor 10", "FLOOR", "hq"),
  L("f2", "Floor 2", "FLOOR", "hq"),
  L("f1", "Floor 1", "FLOOR", "hq"),
  L("cafe", "Cafe", "ZONE", "f1"),
  L("lab", "Lab", "ZONE", "f1"),
];
const byId = Object.fromEntries(locs.map((l) => [l.id, l]));
const names = (rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => `${"  ".repeat(r.level - 1)}${r.node.location.name}`);

describe("the location tree", () => {
  it("hides Cisco's ROOT and orders floors the way people count them", () => {
    const roots = buildTree(locs);
    expect(roots.map((r) => r.location.name)).toEqual(["Demo Campus"]);
    const rows = visibleRows(roots, new Set(["campus", "hq", "f1"]));
    expect(names(rows)).toEqual([
      "Demo Campus",
      "  Annex",
      "  HQ",
      "    Floor 1",
      "      Cafe",
      "      Lab",
      "    Floor 2",
      "    Floor 10",
    ]);
  });

  it("shows only matches and the path down to them when searching", () => {
    const rows = visibleRows(buildTree(locs), new Set(), "caf");
    expect(names(rows)).toEqual(["Demo Campus", "  HQ", "    Floor 1", "      Cafe"]);
    expect(rows.filter((r) => r.match).map((r) => r.node.location.id)).toEqual(["cafe"]);
    expect(visibleRows(buildTree(locs), new Set(), "nothing like it")).toEqual([]);
  });

  it("gives the breadcrumb trail from the top without ROOT", () => {
    expect(pathTo(byId, "lab").map((l) => l.name)).toEqual(["Demo Campus", "HQ", "Floor 1", "Lab"]);
    expect(ancestorsOf(byId, "lab")).toEqual(["campus", "hq", "f1"]);
  });

  it("moves with the arrow keys as the WAI-ARIA tree pattern says", () => {
    const rows = visibleRows(buildTree(locs), new Set(["campus", "hq"]));
    expect(keyAction(rows, "hq", "ArrowDown")).toEqual({ focus: "f1" });
    expect(keyAction(rows, "f1", "ArrowUp")).toEqual({ focus: "hq" });
    expect(keyAction(rows, "f1", "ArrowRight")).toEqual({ expand: "f1" });
    expect(keyAction(rows, "hq", "ArrowRight")).toEqual({ focus: "f1" });
    expect(keyAction(rows, "hq", "ArrowLeft")).toEqual({ collapse: "hq" });
    expect(keyAction(rows, "f2", "ArrowLeft")).toEqual({ focus: "hq" });
    expect(keyAction(rows, "f2", "Home")).toEqual({ focus: "campus" });
    expect(keyAction(rows, "hq", "End")).toEqual({ focus: "f10" });
  });
});
