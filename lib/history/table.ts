import { toCsv, type Cell } from "./csv";
import { SHOWN, TYPICAL, type HistoryResult } from "./build";
import { offsetMs } from "./tz";

// The one table behind both the chart and its CSV export, so the file holds exactly what is drawn.

export const SERIES_WORDS: Record<string, string> = {
  shown: "Shown (best source)",
  camera: "Camera",
  people: "People count",
  wifi: "Wi-Fi",
  wifi_users: "Wi-Fi users",
  wifi_devices: "Wi-Fi devices",
  mixed: "Mixed sources",
  typical: "Typical",
};

/** A series' name for people: known ones in words, new ones made readable. */
export function seriesWord(name: string): string {
  return SERIES_WORDS[name] ?? name.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
}

export interface ShownTable {
  header: string[];
  rows: Cell[][];
}

/**
 * ISO 8601 wall time in the zone with its offset ("2026-10-25T02:30:00+01:00"): a spreadsheet shows the
 * building's clock, and the two 02:30s of a fall-back night stay two different moments.
 */
export function localIso(ms: number, timeZone: string): string {
  const off = offsetMs(ms, timeZone);
  const wall = new Date(ms + off).toISOString().slice(0, 19);
  const m = Math.round(Math.abs(off) / 60_000);
  return `${wall}${off < 0 ? "-" : "+"}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Columns: time (ISO with the building's offset), then each visible series, and the source behind "shown" when it is visible. */
export function shownTable(h: HistoryResult, visible: string[]): ShownTable {
  const cols = [...h.series, ...(h.typical?.weeks ? [TYPICAL] : [])].filter((s) => visible.includes(s));
  const withLabel = cols.includes(SHOWN);
  const header = [
    "time",
    ...cols.map((c) =>
      c === TYPICAL ? `typical (average of ${h.typical!.weeks} previous weeks)` : `${c} (average count)`,
    ),
  ];
  if (withLabel) header.push("shown source");
  const rows = h.rows
    .filter((r) => cols.some((c) => r.values[c] !== null && r.values[c] !== undefined))
    .map((r) => {
      const line: Cell[] = [localIso(r.t, h.timeZone ?? "UTC"), ...cols.map((c) => r.values[c] ?? null)];
      if (withLabel) line.push(r.values[SHOWN] !== null && r.values[SHOWN] !== undefined ? r.label : null);
      return line;
    });
  return { header, rows };
}

export function historyCsv(h: HistoryResult, visible: string[]): string {
  const t = shownTable(h, visible);
  return toCsv(t.header, t.rows);
}

export function csvFileName(locationName: string, h: HistoryResult): string {
  const slug =
    locationName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "location";
  return `floorpulse-${slug}-${h.range}-${localIso(h.from, h.timeZone ?? "UTC")
    .slice(0, 16)
    .replace(":", "")}.csv`;
}
