import type { LocationNode } from "@/lib/firehose/decode";
import { floorOf } from "./hierarchy";
import { containsPoint } from "./polygon";
import { mark, schedule, type Device, type EngineState } from "./state";

// Devices located by Wi-Fi: where each counts (a polygon zone refines its floor), exactly once, how it
// moves, and when it stops counting. Functions of the engine state; positions changed per floor are
// collected for the next drain.

/** Rebuilds the indexes derived from the devices and polygons (after a restore). */
export function rebuildIndexes(s: EngineState) {
  for (const [id, d] of s.devices) {
    s.direct.set(d.counted, (s.direct.get(d.counted) ?? 0) + 1);
    addOnFloor(s, d.floor, id);
  }
  indexZones(s);
}

/** Rebuilds floor → zones and re-places every device on an affected floor. Rare: polygon or tree changes. */
export function indexZones(s: EngineState) {
  const affected = new Set(s.zonesOn.keys());
  s.zonesOn.clear();
  for (const zone of s.polygons.keys()) {
    const floor = s.tree.floorAbove(zone);
    if (!floor) continue;
    let set = s.zonesOn.get(floor);
    if (!set) s.zonesOn.set(floor, (set = new Set()));
    set.add(zone);
    affected.add(floor);
  }
  for (const floor of affected) for (const id of s.onFloor.get(floor) ?? []) recount(s, id);
}

/** The zone a position falls in under the reported location: the smallest polygon that holds it. */
function countedAt(s: EngineState, reported: string, floor: string, x: number | null, y: number | null): string {
  const zones = x === null || y === null ? undefined : s.zonesOn.get(floor);
  if (!zones) return reported;
  let best: string | null = null;
  let bestArea = Infinity;
  for (const zone of zones) {
    if (zone === reported || !s.tree.isAncestor(reported, zone)) continue;
    const p = s.polygons.get(zone)!;
    if (!containsPoint(p.points, x!, y!)) continue;
    if (p.area < bestArea || (p.area === bestArea && best !== null && zone < best)) {
      best = zone;
      bestArea = p.area;
    }
  }
  return best ?? reported;
}

function addOnFloor(s: EngineState, floor: string, id: string) {
  let set = s.onFloor.get(floor);
  if (!set) s.onFloor.set(floor, (set = new Set()));
  set.add(id);
}

function leaveFloor(s: EngineState, d: Device, id: string) {
  const set = s.onFloor.get(d.floor);
  set?.delete(id);
  if (set && !set.size) s.onFloor.delete(d.floor);
  if (d.x === null) return;
  const fd = floorDelta(s, d.floor);
  fd.moved.delete(d.alias);
  fd.removed.add(d.alias);
}

function floorDelta(s: EngineState, floor: string) {
  let d = s.pending.floors.get(floor);
  if (!d) s.pending.floors.set(floor, (d = { moved: new Map(), removed: new Set() }));
  return d;
}

function count(s: EngineState, location: string, delta: number) {
  const n = (s.direct.get(location) ?? 0) + delta;
  if (n) s.direct.set(location, n);
  else s.direct.delete(location);
  mark(s, location);
}

function touch(s: EngineState, location: string, ts: number) {
  if (ts > (s.activity.get(location) ?? -Infinity)) s.activity.set(location, ts);
  mark(s, location);
  schedule(s, location, s.activity.get(location)! + s.ttl);
}

export function removeDevice(s: EngineState, id: string) {
  const d = s.devices.get(id);
  if (!d) return;
  s.devices.delete(id);
  count(s, d.counted, -1);
  leaveFloor(s, d, id);
}

/** Re-places a device after zones changed. */
function recount(s: EngineState, id: string) {
  const d = s.devices.get(id);
  if (!d) return;
  const counted = countedAt(s, d.reported, d.floor, d.x, d.y);
  if (counted === d.counted) return;
  count(s, d.counted, -1);
  count(s, counted, +1);
  d.counted = counted;
  touch(s, counted, d.ts);
}

/** A device at a reported location (and position, when known) on a floor. */
export function place(
  s: EngineState,
  id: string,
  reported: string,
  floor: string,
  x: number | null,
  y: number | null,
  ts: number,
) {
  const counted = countedAt(s, reported, floor, x, y);
  let d = s.devices.get(id);
  if (!d) {
    d = { alias: s.nextAlias++, reported, counted, floor, x, y, ts, check: ts + s.ttl };
    s.devices.set(id, d);
    count(s, counted, +1);
    addOnFloor(s, floor, id);
    s.checks.devices.push([d.check, id]);
  } else {
    if (d.floor !== floor) {
      leaveFloor(s, d, id);
      addOnFloor(s, floor, id);
    }
    if (d.counted !== counted) {
      count(s, d.counted, -1);
      count(s, counted, +1);
    }
    // Field by field: an object per event for Object.assign is garbage on the hottest path.
    d.reported = reported;
    d.counted = counted;
    d.floor = floor;
    d.x = x;
    d.y = y;
    d.ts = ts;
  }
  touch(s, counted, ts);
  if (x !== null && y !== null) {
    const fd = floorDelta(s, floor);
    fd.removed.delete(d.alias);
    fd.moved.set(d.alias, [d.alias, x, y]);
  }
}

/** False for device news older than what is known (late deliveries never undo newer ones). */
export function admitDevice(s: EngineState, id: string, ts: number): boolean {
  if (ts + s.ttl < s.clock) return false; // it would have expired already
  const left = s.exits.get(id);
  if (left !== undefined && left >= ts) return false;
  const d = s.devices.get(id);
  return !(d && d.ts > ts);
}

/** Entry, activity or any other presence step: the device is here (keeping a finer known position). */
export function seen(s: EngineState, id: string, chain: readonly LocationNode[], ts: number) {
  if (!admitDevice(s, id, ts)) return;
  const reported = chain[0]!.locationId;
  const d = s.devices.get(id);
  if (d && (d.reported === reported || s.tree.isAncestor(reported, d.reported))) {
    d.ts = ts;
    return touch(s, d.counted, ts);
  }
  const floor = floorOf(chain);
  const same = d !== undefined && d.floor === floor;
  place(s, id, reported, floor, same ? d.x : null, same ? d.y : null, ts);
}

/** Exit or inactivity: the device no longer counts, and older news of it is refused. */
export function gone(s: EngineState, id: string, ts: number) {
  if (ts + s.ttl < s.clock) return;
  const d = s.devices.get(id);
  if (d && d.ts > ts) return;
  const left = s.exits.get(id);
  if (left === undefined || ts > left) {
    s.exits.set(id, ts);
    s.checks.exits.push([ts + s.ttl, id]);
  }
  if (!d) return;
  touch(s, d.counted, ts);
  removeDevice(s, id);
}

/** Expires devices unheard of for the TTL, and exits old enough to forget, up to the clock. */
export function expireDevices(s: EngineState) {
  for (let top = s.checks.devices.peek(); top && top[0] < s.clock; top = s.checks.devices.peek()) {
    s.checks.devices.pop();
    const d = s.devices.get(top[1]);
    if (!d || d.check !== top[0]) continue;
    if (d.ts + s.ttl < s.clock) removeDevice(s, top[1]);
    else s.checks.devices.push([(d.check = d.ts + s.ttl), top[1]]);
  }
  for (let top = s.checks.exits.peek(); top && top[0] < s.clock; top = s.checks.exits.peek()) {
    s.checks.exits.pop();
    if (s.exits.get(top[1]) === top[0] - s.ttl) s.exits.delete(top[1]);
  }
}
