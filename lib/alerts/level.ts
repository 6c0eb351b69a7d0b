// Capacity bands, in words as well as colour. Pure: the cards, the map, the kiosk and the alert
// evaluator all agree on what "busy" and "full" mean.

export type Band = "ok" | "busy" | "full" | "unknown";

/** Share of the maximum at which a location counts as busy when no target is set. */
export const DEFAULT_TARGET_SHARE = 0.8;

export interface Thresholds {
  /** Maximum people allowed: at or above it the location is full. */
  capacity: number | null;
  /** Comfortable target: at or above it the location is busy. */
  targetCapacity: number | null;
}

/** The target in force: the one set, else 80% of the maximum, else none. */
export function effectiveTarget(t: Thresholds): number | null {
  if (t.targetCapacity !== null && t.targetCapacity > 0) return t.targetCapacity;
  if (t.capacity !== null && t.capacity > 0) return Math.max(1, Math.round(t.capacity * DEFAULT_TARGET_SHARE));
  return null;
}

export interface BandView {
  band: Band;
  /** Share of the maximum, rounded; null without a maximum. */
  percent: number | null;
  word: string;
  target: number | null;
}

export const BAND_WORDS: Record<Band, string> = {
  ok: "Comfortable",
  busy: "Busy",
  full: "Full",
  unknown: "No capacity set",
};

/** The band of a count without memory of the past (for display); see nextLevel for alerts. */
export function bandOf(count: number, t: Thresholds): BandView {
  const target = effectiveTarget(t);
  const cap = t.capacity !== null && t.capacity > 0 ? t.capacity : null;
  const percent = cap ? Math.round((count / cap) * 100) : null;
  if (cap === null && target === null) return { band: "unknown", percent, word: BAND_WORDS.unknown, target };
  const band: Band = cap !== null && count >= cap ? "full" : target !== null && count >= target ? "busy" : "ok";
  const word = band === "full" && cap !== null && count > cap ? "Over capacity" : BAND_WORDS[band];
  return { band, percent, word, target };
}
