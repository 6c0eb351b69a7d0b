import { nearestOfType } from "./hierarchy";
import { nextExpiry, pruneReports, recordSlot, type Reading, type Reports } from "./sources";
import { mark, markUnder, schedule, type EngineState } from "./state";

// Counts Cisco reports about a location as a whole (sources.ts keeps them apart), when each goes stale,
// and the devices-per-person ratio learned where a device count and a people count meet (ratio.ts).

/** A people count and a device count of one place are a pair when this close in event time. */
const PAIR_MS = 2 * 60_000;

/** Stores a reading through `update` (false: refused as older than what is held). */
export function report(s: EngineState, location: string, ts: number, update: (r: Reports) => boolean) {
  if (ts + s.freshMs < s.clock) return; // stale on arrival: it could never count
  let r = s.reports.get(location);
  if (!r) s.reports.set(location, (r = {}));
  if (!update(r)) return;
  mark(s, location);
  schedule(s, location, ts + s.freshMs);
}

/** Where a presence event's active and inactive counts together (everyone present) are kept. */
const ALL_SLOT = { devices: "allDevices", users: "allUsers" } as const;

/**
 * A presence event's counts (DEVICE_PRESENCE, USER_PRESENCE): the active ones, active and inactive together
 * when both are known, then a pairing; a record without an active count says nothing.
 */
export function reportPresence(
  s: EngineState,
  location: string,
  ts: number,
  slot: keyof typeof ALL_SLOT,
  active: number | null,
  inactive: number | null,
) {
  if (active === null) return;
  report(s, location, ts, (r) => recordSlot(r, slot, active, ts));
  if (inactive !== null) report(s, location, ts, (r) => recordSlot(r, ALL_SLOT[slot], active + inactive, ts));
  pair(s, location, ts);
}

function recheck(s: EngineState, id: string) {
  mark(s, id);
  let next: number | null = null;
  const r = s.reports.get(id);
  if (r) {
    if (pruneReports(r, s.clock, s.freshMs)) s.reports.delete(id);
    else next = nextExpiry(r, s.clock, s.freshMs);
  }
  // Activity is kept: a place emptied of devices shows 0 with when the last one left, not "no data".
  const act = s.activity.get(id);
  if (act !== undefined && act + s.ttl >= s.clock) next = next === null ? act + s.ttl : Math.min(next, act + s.ttl);
  if (next !== null) schedule(s, id, next);
}

/** Re-evaluates every location whose counts may have gone stale by the clock. */
export function expireCounts(s: EngineState) {
  const checks = s.checks;
  for (let top = checks.locations.peek(); top && top[0] < s.clock; top = checks.locations.peek()) {
    checks.locations.pop();
    if (checks.next.get(top[1]) !== top[0]) continue; // superseded by an earlier check
    checks.next.delete(top[1]);
    recheck(s, top[1]);
  }
}

/** The building a location is in ("" above buildings): the unit a ratio is learned for. */
export function buildingOf(s: EngineState, id: string): string {
  return nearestOfType(s.tree, id, "BUILDING") ?? "";
}

/**
 * Learns devices per person where a device count and a people count of the place are current together:
 * counts of every present device and user when Cisco sends them (associatedCount includes idle devices,
 * so the ratio that converts it must too), else the active ones.
 */
export function pair(s: EngineState, location: string, ts: number) {
  const r = s.reports.get(location);
  const near = (a: Reading | undefined, b: Reading | undefined) =>
    a !== undefined && b !== undefined && Math.abs(a.ts - b.ts) <= PAIR_MS;
  const [devices, users] = near(r?.allDevices, r?.allUsers) ? [r!.allDevices!, r!.allUsers!] : [r?.devices, r?.users];
  if (!devices || !users || !near(devices, users)) return;
  const building = buildingOf(s, location);
  if (s.ratios.observe(building, location, devices.count, users.count, ts)) markUnder(s, building || null);
}
