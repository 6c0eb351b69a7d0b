import { COUNT_FRESH_MS } from "./rules";
import type { LocationType, Occupancy, Source } from "./types";

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

const PLURAL: Partial<Record<LocationType, [string, string]>> = {
  CAMPUS: ["campus", "campuses"],
  BUILDING: ["building", "buildings"],
  FLOOR: ["floor", "floors"],
  ZONE: ["zone", "zones"],
};

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * What the number is made of, in words: "Camera", "Wi-Fi users", "≈ from 128 Wi-Fi devices", or for a
 * roll-up "Sum of 2 floors"; a camera that sees fewer people than the number shows adds "camera sees 54",
 * rooms counted inside an estimated floor add "12 counted in rooms".
 */
export function sourceWords(o: Occupancy | undefined, brief = false): string | null {
  if (!o || o.source === null) return null;
  let words: string;
  if (o.rollup) {
    const [one, many] = (o.partType && PLURAL[o.partType]) ?? ["area", "areas"];
    words = o.parts !== undefined ? `Sum of ${n(o.parts, one, many)}` : "Sum of areas";
  } else if (o.source === "wifi_devices" && o.devices !== undefined)
    words = `≈ from ${n(o.devices, "Wi-Fi device", "Wi-Fi devices")}`;
  else words = SOURCE_WORDS[o.source];
  if (brief) return words; // what the number is, without what adds to it (a kiosk read from across a lobby)
  if (o.covered !== undefined) words += `, ${o.covered} counted in rooms`;
  if (o.atLeast !== undefined) words += `, camera sees ${o.atLeast}`;
  return words;
}

/** The ratio behind a Wi-Fi estimate, for a tooltip: "1.9 Wi-Fi devices per person, learned for this building". */
export function ratioWords(o: Occupancy | undefined): string | null {
  if (!o || o.ratio === undefined) return null;
  return `${o.ratio} Wi-Fi devices per person, ${o.learned ? "learned for this building" : "the default until this building has learned its own"}`;
}

/** The series label a stored "shown" value carries: its source, or "rollup" for a sum of children. */
export function shownLabel(o: Occupancy): string | null {
  return o.rollup ? "rollup" : o.source;
}

export type Freshness = { state: "live" } | { state: "stale"; since: number } | { state: "none" };

/**
 * Live or stale by the number's own time. A place empty by Wi-Fi has no new input while it stays
 * empty, so its 0 is current as long as the stream is: `streamAt` is the newest time of anything
 * heard (absent: taken as current).
 */
export function freshness(o: Occupancy | undefined, now: number, streamAt?: number | null): Freshness {
  if (!o || o.source === null || o.at === null) return { state: "none" };
  const at = o.emptySince !== undefined ? (streamAt ?? now) : o.at;
  return now - at > STALE_AFTER_MS ? { state: "stale", since: at } : { state: "live" };
}

export type Level = "low" | "busy" | "full" | "unknown";

/** Share of capacity used and its band; unknown without a capacity. */
export function capacityLevel(count: number, capacity: number | null): { percent: number | null; level: Level } {
  if (!capacity || capacity <= 0) return { percent: null, level: "unknown" };
  const percent = Math.round((count / capacity) * 100);
  return { percent, level: percent >= 90 ? "full" : percent >= 60 ? "busy" : "low" };
}
