import { toCsv, type Cell } from "@/lib/history/csv";
import type { LocationFigures } from "./schema";

// The utilization table's columns, filter and order: one definition for what the page shows and
// what its CSV holds, so the export is exactly the table on screen.

export type SortKey =
  "name" | "type" | "capacity" | "average" | "peak" | "utilization" | "timeUsed" | "fullShare" | "coverage";
export type LevelFilter = "all" | "BUILDING" | "FLOOR" | "ZONE";

export const LEVEL_WORDS: Record<string, string> = {
  CAMPUS: "Campus",
  BUILDING: "Building",
  FLOOR: "Floor",
  ZONE: "Room or zone",
  OTHER: "Other",
};

const pct = (v: number | null) => (v === null ? null : Math.round(v * 100));

export interface Column {
  key: SortKey;
  label: string;
  /** Header in the CSV (with its unit). */
  csvLabel: string;
  /** The number or words shown, as a spreadsheet cell. */
  cell: (f: LocationFigures) => Cell;
  /** What the cell shows. */
  text: (f: LocationFigures) => string;
  numeric: boolean;
}

const withUnit = (v: number | null, unit: string) => (v === null ? "—" : `${v}${unit}`);

/** A column of words: the cell is what the table shows. */
const words = (key: SortKey, label: string, read: (f: LocationFigures) => string): Column => ({
  key,
  label,
  csvLabel: label,
  cell: read,
  text: read,
  numeric: false,
});

/** A column of numbers: the cell holds the number, the table shows it with its unit (or "—" when there is none). */
const figure = (
  key: SortKey,
  label: string,
  csvLabel: string,
  read: (f: LocationFigures) => number | null,
  unit = "",
): Column => ({ key, label, csvLabel, cell: read, text: (f) => withUnit(read(f), unit), numeric: true });

/** A ratio of the figures, as a whole percentage. */
const percent = (
  key: SortKey & ("utilization" | "timeUsed" | "fullShare" | "coverage"),
  label: string,
  csvLabel: string,
) => figure(key, label, csvLabel, (f) => pct(f[key]), " %");

export const COLUMNS: Column[] = [
  words("name", "Location", (f) => f.name),
  words("type", "Level", (f) => LEVEL_WORDS[f.type] ?? f.type),
  figure("capacity", "Capacity", "Capacity", (f) => f.capacity),
  figure("average", "Average", "Average people", (f) => (f.average === null ? null : Math.round(f.average * 10) / 10)),
  figure("peak", "Peak", "Peak people", (f) => f.peak),
  percent("utilization", "Utilization", "Utilization (%)"),
  percent("timeUsed", "Time used", "Time used (%)"),
  percent("fullShare", "Time full", "Time full (%)"),
  percent("coverage", "Data", "Working time with data (%)"),
];

export interface TableView {
  sort: SortKey;
  direction: "ascending" | "descending";
  level: LevelFilter;
  search: string;
}

/** The rows shown: filtered by level and name, then sorted; rows without a value sort last either way. */
export function visibleRows(rows: LocationFigures[], v: TableView): LocationFigures[] {
  const col = COLUMNS.find((c) => c.key === v.sort)!;
  const needle = v.search.trim().toLowerCase();
  const kept = rows.filter(
    (r) => (v.level === "all" || r.type === v.level) && (!needle || r.name.toLowerCase().includes(needle)),
  );
  const sign = v.direction === "ascending" ? 1 : -1;
  return kept
    .map((r, i) => ({ r, i, k: col.cell(r) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
      const d = typeof a.k === "number" && typeof b.k === "number" ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      return d ? d * sign : a.i - b.i;
    })
    .map((x) => x.r);
}

/** The table shown, as CSV: the same rows in the same order, the same columns, the numbers as shown. */
export const tableCsv = (rows: LocationFigures[]) =>
  toCsv(
    COLUMNS.map((c) => c.csvLabel),
    rows.map((r) => COLUMNS.map((c) => c.cell(r))),
  );
