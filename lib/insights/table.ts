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

export const COLUMNS: Column[] = [
  { key: "name", label: "Location", csvLabel: "Location", cell: (f) => f.name, text: (f) => f.name, numeric: false },
  {
    key: "type",
    label: "Level",
    csvLabel: "Level",
    cell: (f) => LEVEL_WORDS[f.type] ?? f.type,
    text: (f) => LEVEL_WORDS[f.type] ?? f.type,
    numeric: false,
  },
  {
    key: "capacity",
    label: "Capacity",
    csvLabel: "Capacity",
    cell: (f) => f.capacity,
    text: (f) => withUnit(f.capacity, ""),
    numeric: true,
  },
  {
    key: "average",
    label: "Average",
    csvLabel: "Average people",
    cell: (f) => (f.average === null ? null : Math.round(f.average * 10) / 10),
    text: (f) => withUnit(f.average === null ? null : Math.round(f.average * 10) / 10, ""),
    numeric: true,
  },
  {
    key: "peak",
    label: "Peak",
    csvLabel: "Peak people",
    cell: (f) => f.peak,
    text: (f) => withUnit(f.peak, ""),
    numeric: true,
  },
  {
    key: "utilization",
    label: "Utilization",
    csvLabel: "Utilization (%)",
    cell: (f) => pct(f.utilization),
    text: (f) => withUnit(pct(f.utilization), " %"),
    numeric: true,
  },
  {
    key: "timeUsed",
    label: "Time used",
    csvLabel: "Time used (%)",
    cell: (f) => pct(f.timeUsed),
    text: (f) => withUnit(pct(f.timeUsed), " %"),
    numeric: true,
  },
  {
    key: "fullShare",
    label: "Time full",
    csvLabel: "Time full (%)",
    cell: (f) => pct(f.fullShare),
    text: (f) => withUnit(pct(f.fullShare), " %"),
    numeric: true,
  },
  {
    key: "coverage",
    label: "Data",
    csvLabel: "Working time with data (%)",
    cell: (f) => pct(f.coverage),
    text: (f) => withUnit(pct(f.coverage), " %"),
    numeric: true,
  },
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
