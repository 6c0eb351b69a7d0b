// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocationTree } from "@/components/location-tree/location-tree";
import type { TreeLocation } from "@/components/location-tree/tree";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }) }));

const L = (id: string, name: string, type: TreeLocation["type"], parentId: string | null): TreeLocation => ({
  id,
  name,
  type,
  parentId,
});
const locations = Object.fromEntries(
  [
    L("hq", "HQ", "BUILDING", null),
    L("f1", "Floor 1", "FLOOR", "hq"),
    L("f2", "Floor 2", "FLOOR", "hq"),
    L("cafe", "Cafe", "ZONE", "f1"),
  ].map((l) => [l.id, l]),
);
const now = Date.now();
const counts = {
  f1: { count: 45, source: "camera" as const, rollup: false, mixed: false, at: now },
  f2: { count: 3, source: "wifi_users" as const, rollup: false, mixed: false, at: now },
};
const settings = { f1: { capacity: 50, targetCapacity: 40 } };

afterEach(cleanup);

describe("LocationTree", () => {
  it("is an ARIA tree whose rows say their count and band", () => {
    render(<LocationTree locations={locations} counts={counts} settings={settings} currentId="f1" />);
    const tree = screen.getByRole("tree", { name: "Location hierarchy" });
    const items = screen.getAllByRole("treeitem");
    expect(tree).toBeTruthy();
    expect(items.map((i) => i.getAttribute("aria-label"))).toEqual([
      "HQ, Building, no data",
      "Floor 1, Floor, 45 people, Busy",
      "Floor 2, Floor, 3 people",
    ]);
    expect(items[1]!.textContent).toBe("▸Floor 145");
    expect(items[1]!.getAttribute("aria-current")).toBe("page");
    expect(items[1]!.getAttribute("aria-expanded")).toBe("false");
    expect(items.filter((i) => i.tabIndex === 0)).toHaveLength(1);
  });

  it("opens, closes and moves focus with the keyboard", () => {
    render(<LocationTree locations={locations} counts={counts} settings={settings} currentId="f1" />);
    const floor1 = screen.getByRole("treeitem", { name: /Floor 1/ });
    floor1.focus();
    fireEvent.keyDown(floor1, { key: "ArrowRight" });
    expect(screen.getByRole("treeitem", { name: /Cafe/ })).toBeTruthy();
    fireEvent.keyDown(floor1, { key: "ArrowDown" });
    expect(document.activeElement?.textContent).toContain("Cafe");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(document.activeElement?.textContent).toContain("Floor 1");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(screen.queryByRole("treeitem", { name: /Cafe/ })).toBeNull();
  });

  it("filters as you type and says when nothing matches", () => {
    render(<LocationTree locations={locations} counts={counts} settings={settings} currentId={null} />);
    const search = screen.getByRole("searchbox", { name: "Search locations" });
    fireEvent.change(search, { target: { value: "caf" } });
    expect(screen.getAllByRole("treeitem").map((i) => i.getAttribute("aria-label")?.split(",")[0])).toEqual([
      "HQ",
      "Floor 1",
      "Cafe",
    ]);
    fireEvent.change(search, { target: { value: "zzz" } });
    expect(screen.getByRole("status").textContent).toBe("Nothing matches “zzz”.");
  });
});
