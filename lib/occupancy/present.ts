import { COUNT_FRESH_MS } from "./rules";
import type { Occupancy, Source } from "./types";

// How a number is shown: pure, so the overview, the floor page and the kiosk agree.

/**
 * A number older than this is stale and must not look live. The engine already drops counts older than
 * this in event time; this catches the case where events stop arriving altogether.
 */
export const STALE_AFTER_MS = COUNT_FRESH_MS;

export const SOURCE_WORDS: Record<Source, string> = {
  camera: "Camera",
  people: "People count",
  wifi_users: "Wi-Fi users",
  wifi_devices: "Wi-Fi devices",
};

/** What the number is made of, in words: "Camera", or for a roll-up "Sum of areas: Camera" / "… mostly Camera". */
export function sourceWords(o: Occupancy | undefined): string | null {
  if (!o || o.source === null) return null;
  const word = SOURCE_WORDS[o.source];
  if (!o.rollup) return word;
  return o.mixed ? `Sum of areas, mostly ${word}` : `Sum of areas: ${word}`;
}

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
