import { subtreeIds } from "@/lib/auth/scope";
import type { Db } from "@/lib/store/db";
import { canonicalTimeZone } from "@/lib/time/zone";
import { readOccupiedMinutes, readSlots, readTimeZones } from "@/lib/store/insights";
import { listLocations, type StoredLocation } from "@/lib/store/locations";
import { computeFigures, type FigureLocation } from "./figures";
import { formatWorkingHours, type WorkingHours } from "./hours";
import { floorToSlot, lastDays, periodWindow } from "./period";
import { DEFAULT_PERIOD_DAYS } from "./request";
import { findMeetings, groupStats, suggestRightSizing } from "./right-sizing";
import type { GroupStats, Insights, RightSizingSettings } from "./schema";

// Reads what the insights page and GET /api/insights show: figures for every location in scope,
// each on its building's clock, and the right-sizing suggestions with their evidence.

export interface LoadInsights {
  tenantId: string;
  /** That location and everything below it; null: every location of the tenant. */
  scopeId: string | null;
  /** Locations the caller may see (a scoped principal); null: all of the tenant's. */
  visible: Set<string> | null;
  /** Local days, both included; null: the last seven days up to today, on the scope's (or first building's) calendar. */
  period: { from: string; to: string } | null;
  hours: WorkingHours;
  rightSizing: RightSizingSettings;
  now: number;
  /** Zone of locations for which neither they nor a parent know one (config TIME_ZONE). */
  fallbackTimeZone: string;
}

/** Each location's zone: its own, else the nearest parent's, else `fallback`. */
export function resolveTimeZones(
  locations: Array<Pick<StoredLocation, "id" | "parentId"> & { timeZone?: string | null }>,
  fallback: string,
): Map<string, string> {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const out = new Map<string, string>();
  for (const l of locations) {
    let cur: (typeof locations)[number] | undefined = l;
    for (let depth = 0; cur && depth < 16; depth++, cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (canonicalTimeZone(cur.timeZone)) break;
    }
    out.set(l.id, canonicalTimeZone(cur?.timeZone) ?? fallback);
  }
  return out;
}

export async function loadInsights(db: Db, q: LoadInsights): Promise<Insights> {
  const all = await listLocations(db, q.tenantId);
  const own = await readTimeZones(db, q.tenantId);
  const zones = resolveTimeZones(
    all.map((l) => ({ id: l.id, parentId: l.parentId, timeZone: own.get(l.id) ?? null })),
    q.fallbackTimeZone,
  );
  const inScope = q.scopeId ? subtreeIds(all, q.scopeId) : null;
  const locations = all.filter(
    (l) => l.type !== "ROOT" && (!inScope || inScope.has(l.id)) && (!q.visible || q.visible.has(l.id)),
  );
  const anchor = q.scopeId ?? locations.find((l) => l.type === "BUILDING")?.id;
  const period = q.period ?? lastDays(DEFAULT_PERIOD_DAYS, (anchor && zones.get(anchor)) || q.fallbackTimeZone, q.now);
  const figureLocations: FigureLocation[] = locations.map((l) => {
    const timeZone = zones.get(l.id) ?? q.fallbackTimeZone;
    const { id, name, type, parentId, capacity } = l;
    return { id, name, type, parentId, capacity, timeZone, ...periodWindow(period, timeZone, q.now) };
  });
  const from = floorToSlot(Math.min(...figureLocations.map((l) => l.from), q.now));
  const to = Math.max(...figureLocations.map((l) => l.to), from);
  const ids = figureLocations.map((l) => l.id);
  const rooms = figureLocations.filter((l) => l.type === "ZONE" && l.capacity);
  const [slots, occupied] = await Promise.all([
    readSlots(db, ids, from, to),
    readOccupiedMinutes(
      db,
      rooms.map((r) => r.id),
      from,
      to,
    ),
  ]);
  const figures = computeFigures(figureLocations, slots, q.hours);
  const groups: Record<string, GroupStats> = {};
  for (const r of rooms) {
    const minutes = (occupied.get(r.id) ?? []).filter((m) => m.t >= r.from && m.t < r.to);
    groups[r.id] = groupStats(findMeetings(minutes, r.timeZone, q.hours, q.rightSizing), q.rightSizing.groupPercentile);
  }
  return {
    scopeId: q.scopeId,
    period,
    hours: { text: formatWorkingHours(q.hours), ...q.hours },
    generatedAt: q.now,
    locations: figures,
    groups,
    suggestions: suggestRightSizing(figures, groups, q.rightSizing),
    settings: q.rightSizing,
  };
}
