import type { Occupancy, SourceLabel } from "./types";

// How a number is shown: pure, so the overview, the floor page and the kiosk agree.

/** A number older than this is stale and must not look live. */
export const STALE_AFTER_MS = 2 * 60_000;

export const SOURCE_WORDS: Record<Exclude<SourceLabel, null>, string> = {
  camera: "Camera",
  people: "People count",
  wifi: "Wi-Fi",
  mixed: "Mixed sources",
};

export type Freshness = { state: "live" } | { state: "stale"; since: number } | { state: "none" };

export function freshness(o: Occupancy | undefined, now: number): Freshness {
  if (!o || o.source === null || o.at === null) return { state: "none" };
  return now - o.at > STALE_AFTER_MS ? { state: "stale", since: o.at } : { state: "live" };
}

export type Level = "low" | "busy" | "full" | "unknown";

/** Share of capacity used and its band; unknown without a capacity. */
export function capacityLevel(count: number, capacity: number | null): { percent: number | null; level: Level } {
  if (!capacity || capacity <= 0) return { percent: null, level: "unknown" };
  const percent = Math.round((count / capacity) * 100);
  return { percent, level: percent >= 90 ? "full" : percent >= 60 ? "busy" : "low" };
}
