import type { Thresholds } from "@/lib/alerts/level";
import { containsPoint } from "@/lib/occupancy/polygon";
import { kioskBand } from "./present";

// "You are here": the rooms near the visitor that still have room. Pure: positions in feet.

export interface ZoneInput {
  id: string;
  name: string;
  polygon: Array<[number, number]> | null;
  thresholds: Thresholds;
  /** Live count, or null when there is no current number for the room. */
  count: number | null;
}

export interface NearbyZone {
  id: string;
  name: string;
  count: number;
  word: string;
  /** Straight-line feet to the room's middle; 0 inside it; null when the room has no outline. */
  distanceFt: number | null;
}

const centroid = (p: Array<[number, number]>): [number, number] => {
  let x = 0;
  let y = 0;
  for (const [px, py] of p) {
    x += px;
    y += py;
  }
  return [x / p.length, y / p.length];
};

/**
 * Rooms on the visitor's floor with a current count below their comfortable target ("Plenty of
 * space"), nearest first: the one they stand in, then by distance to the room's middle, then rooms
 * without an outline by name. Rooms without a capacity cannot say whether they have room: left out.
 */
export function nearestWithRoom(
  zones: ZoneInput[],
  at: { x: number; y: number; zoneId: string | null },
  limit = 3,
): NearbyZone[] {
  const out: Array<NearbyZone & { rank: number }> = [];
  for (const z of zones) {
    if (z.count === null) continue;
    const b = kioskBand(z.count, z.thresholds);
    if (b.band !== "ok") continue;
    const inside = z.id === at.zoneId || (z.polygon !== null && containsPoint(z.polygon, at.x, at.y));
    let distanceFt: number | null = null;
    if (inside) distanceFt = 0;
    else if (z.polygon) {
      const [cx, cy] = centroid(z.polygon);
      distanceFt = Math.round(Math.hypot(cx - at.x, cy - at.y));
    }
    out.push({
      id: z.id,
      name: z.name,
      count: z.count,
      word: b.word,
      distanceFt,
      rank: distanceFt ?? Number.POSITIVE_INFINITY,
    });
  }
  const collator = new Intl.Collator(undefined, { numeric: true });
  out.sort((a, b) => a.rank - b.rank || collator.compare(a.name, b.name));
  return out.slice(0, limit).map(({ rank: _, ...z }) => z);
}
