import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/history/csv";
import type { LocationFigures } from "@/lib/insights/schema";
import { tableCsv, visibleRows } from "@/lib/insights/table";

// The table's filter and order, and a CSV that is exactly the rows and numbers on screen.

const f = (
  id: string,
  name: string,
  type: string,
  utilization: number | null,
  average: number | null = 1.25,
): LocationFigures => ({
  id,
  name,
  type,
  parentId: null,
  capacity: utilization === null ? null : 10,
  timeZone: "UTC",
  workingMinutes: 600,
  dataMinutes: 540,
  average,
  peak: 4,
  utilization,
  peakUtilization: null,
  timeUsed: 0.3333,
  fullShare: null,
  coverage: 0.9,
  heat: [],
});
const rows = [
  f("b", "HQ", "BUILDING", 0.05),
  f("f1", "Floor 1", "FLOOR", 0.4),
  f("z1", "=Boardroom", "ZONE", 0.125),
  f("z2", "Phone booth", "ZONE", null),
];

describe("insights table", () => {
  it("sorts either way with rows lacking the figure last", () => {
    const by = (direction: "ascending" | "descending") =>
      visibleRows(rows, { sort: "utilization", direction, level: "all", search: "" }).map((r) => r.id);
    expect(by("descending")).toEqual(["f1", "z1", "b", "z2"]);
    expect(by("ascending")).toEqual(["b", "z1", "f1", "z2"]);
    expect(
      visibleRows(rows, { sort: "name", direction: "ascending", level: "all", search: "" }).map((r) => r.id),
    ).toEqual(["z1", "f1", "b", "z2"]);
  });

  it("filters by level and by name", () => {
    expect(
      visibleRows(rows, { sort: "name", direction: "ascending", level: "ZONE", search: "" }).map((r) => r.id),
    ).toEqual(["z1", "z2"]);
    expect(
      visibleRows(rows, { sort: "name", direction: "ascending", level: "all", search: "floor" }).map((r) => r.id),
    ).toEqual(["f1"]);
  });

  it("exports the rows shown, in their order, with the numbers as shown", () => {
    const shown = visibleRows(rows, { sort: "utilization", direction: "descending", level: "ZONE", search: "" });
    const csv = parseCsv(tableCsv(shown));
    expect(csv[0]).toEqual([
      "Location",
      "Level",
      "Capacity",
      "Average people",
      "Peak people",
      "Utilization (%)",
      "Time used (%)",
      "Time full (%)",
      "Working time with data (%)",
    ]);
    expect(csv.slice(1)).toEqual([
      ["'=Boardroom", "Room or zone", "10", "1.3", "4", "13", "33", "", "90"],
      ["Phone booth", "Room or zone", "", "1.3", "4", "", "33", "", "90"],
    ]);
  });
});
