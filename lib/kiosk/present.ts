import { bandOf, type Band, type Thresholds } from "@/lib/alerts/level";
import { floorsByBuilding } from "@/lib/occupancy/building-of";

// How a kiosk shows a number to someone five metres away: pure, so the page and the tests agree.

/** The capacity band in the words a visitor reads from across the lobby. */
export const KIOSK_BAND_WORDS: Record<Band, string> = {
  ok: "Plenty of space",
  busy: "Getting busy",
  full: "Full",
  unknown: "No capacity set",
};

export function kioskBand(count: number, t: Thresholds): { band: Band; word: string; percent: number | null } {
  const b = bandOf(count, t);
  return { band: b.band, word: KIOSK_BAND_WORDS[b.band], percent: b.percent };
}

export type KioskFreshness = { state: "live" } | { state: "stale"; since: number } | { state: "none" };

/**
 * Live only while updates keep coming: `heardAt` is when this display last got the number (wall
 * clock of the display). Without a source there is no number at all. A number with no update for
 * `staleAfterMs` (KIOSK_STALE_AFTER_S, two minutes by default) is greyed out with "last updated HH:MM".
 */
export function kioskFreshness(
  heardAt: number | undefined,
  hasSource: boolean,
  now: number,
  staleAfterMs: number,
): KioskFreshness {
  if (!hasSource || heardAt === undefined) return { state: "none" };
  return now - heardAt > staleAfterMs ? { state: "stale", since: heardAt } : { state: "live" };
}

/** "updated 5 s ago", "updated 3 min ago". */
export function updatedAgo(heardAt: number | null, now: number): string {
  if (heardAt === null) return "no updates yet";
  const s = Math.max(0, Math.round((now - heardAt) / 1000));
  if (s < 60) return `updated ${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `updated ${m} min ago`;
  return `updated ${Math.floor(m / 60)} h ago`;
}

export interface PageLocation {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
}

const collator = new Intl.Collator(undefined, { numeric: true });
const byName = (a: PageLocation, b: PageLocation) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/**
 * The pages a kiosk rotates through, in order: for a campus (or anything above buildings) each
 * building, for a building each floor, for a floor or a room the one page. Sorted by name the way
 * people number floors ("Floor 2" before "Floor 10").
 */
export function rotationPages(locations: PageLocation[], scopeId: string): string[] {
  const scope = locations.find((l) => l.id === scopeId);
  if (!scope) return [];
  if (scope.type === "FLOOR" || scope.type === "ZONE") return [scope.id];
  const below = (id: string) => locations.filter((l) => l.parentId === id);
  const want = scope.type === "BUILDING" ? "FLOOR" : "BUILDING";
  // Breadth-first: the nearest level of the wanted kind (a campus may sit under a root).
  let level = below(scope.id);
  for (let depth = 0; level.length && depth < 8; depth++) {
    const hits = level.filter((l) => l.type === want);
    if (hits.length) return hits.sort(byName).map((l) => l.id);
    level = level.flatMap((l) => below(l.id));
  }
  return [scope.id];
}

/** What a page lists under its big number: a building's floors, a floor's rooms, a room nothing. */
export function pageRows(locations: PageLocation[], pageId: string): string[] {
  const page = locations.find((l) => l.id === pageId);
  // A building lists its floors even with a group or wing in between.
  if (page?.type === "BUILDING") return (floorsByBuilding(locations).get(pageId) ?? []).sort(byName).map((l) => l.id);
  return locations
    .filter((l) => l.parentId === pageId && l.type !== "OTHER")
    .sort(byName)
    .map((l) => l.id);
}

/** Milliseconds until the next nightly reload at `hour` local time (plus a spread so a fleet does not reload at once). */
export function msUntilNightlyReload(now: Date, hour = 3, spreadMs = 0): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime() + spreadMs;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Below this many people the difference to usual says nothing. */
export const USUAL_MIN_TYPICAL = 3;
/** Within this share of the usual number it is "about as busy as usual". */
export const USUAL_BAND = 0.15;

/**
 * "Quieter than usual for a Tuesday" (or busier, or about as usual) from the live number and the
 * typical same-weekday number at this time of day; null when history cannot say (no typical value,
 * or too few people for a difference to mean anything).
 */
export function usualWording(current: number, typical: number | null, weekday: number): string | null {
  if (typical === null || !Number.isFinite(typical) || typical < 0) return null;
  const day = WEEKDAYS[weekday] ?? "today";
  if (Math.max(current, typical) < USUAL_MIN_TYPICAL) return null;
  const ratio = typical === 0 ? Infinity : current / typical;
  if (ratio < 1 - USUAL_BAND) return `Quieter than usual for a ${day}`;
  if (ratio > 1 + USUAL_BAND) return `Busier than usual for a ${day}`;
  return `About as busy as usual for a ${day}`;
}

/** The typical value at `now` from a typical series of [bucket start ms, value] (the bin that holds `now`). */
export function typicalAt(series: Array<[number, number | null]>, now: number): number | null {
  let best: number | null = null;
  for (const [t, v] of series) {
    if (t > now) break;
    best = v;
  }
  return best;
}
