import type { FirehoseEvent, LocationNode, TenantRef } from "@/lib/firehose/decode";
import { MinHeap } from "./heap";
import { createHierarchy, floorOf, locationType, MAX_DEPTH, venueZone } from "./hierarchy";
import { containsPoint, polygonArea, validPolygon, type Point } from "./polygon";
import { COUNT_FRESH_MS, DEVICE_TTL_MS, FRESHNESS_STEP_MS } from "./rules";
import { ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from "./snapshot";
import { bestReported, freshBySource, nextExpiry, pruneReports, recordKeyed, recordSlot, reportsFromJSON, reportsToJSON, type Reports } from "./sources";
import { SOURCES, type Changes, type DevicePoint, type LocationInfo, type Occupancy, type Source, type TenantChange } from "./types";

// Pure: decoded events in, changes out. Time is event time (recordTimestamp), never the wall clock, so
// the same events give the same state however fast or late they are replayed, and a snapshot taken at
// any point continues exactly. Per location each source is kept apart (sources.ts picks the current
// one); a location with no current count of its own shows the sum of its children, as a roll-up.
// Devices located by Wi-Fi count where they are (a polygon zone refines their floor), exactly once.
// Work per event is O(depth of the tree); expiries are driven by heaps, so drain() never scans devices.

export { COUNT_FRESH_MS, DEVICE_TTL_MS, FRESHNESS_STEP_MS, locationType };
export type { EngineSnapshot };

export interface EngineOptions {
  /** How long a reported count stays current (default COUNT_FRESH_MS). */
  countFreshMs?: number;
  /** How long a device unheard of stays counted (default DEVICE_TTL_MS). */
  deviceTtlMs?: number;
}

export interface Engine {
  apply(event: FirehoseEvent): void;
  /** Changes since the last drain. */
  drain(): Changes;
  location(id: string): LocationInfo | undefined;
  locations(): LocationInfo[];
  /** The location's count as of the newest event applied. */
  occupancy(id: string): Occupancy;
  /** Positioned devices on a floor (positions are in that floor's feet). */
  devicesOn(floorId: string): DevicePoint[];
  /**
   * Sets (or with null, clears) a zone's polygon in its floor's feet. Devices on the zone's floor inside
   * it count as the zone's Wi-Fi devices. Applies once the zone is known under a FLOOR. False when the
   * polygon has fewer than three finite points or no area.
   */
  setZonePolygon(zoneId: string, polygon: ReadonlyArray<readonly [number, number]> | null): boolean;
  /**
   * Every source's count at the location on its own: its own fresh report, else the sum of its
   * children's; Wi-Fi devices also count devices located here. Sources with nothing are absent.
   */
  sourceCounts(id: string): Partial<Record<Source, number>>;
  /** Latest activation state per Cisco tenant seen on the stream. */
  tenants(): TenantChange[];
  /** The whole state as JSON-serialisable data; createEngine(snapshot) continues from it exactly. */
  snapshot(): EngineSnapshot;
  /** Newest event time seen. */
  readonly clock: number;
  /** Where a device is now (its floor, alias, position in feet and the location it counts in); null when unknown or without a position. */
  locate(deviceId: string): { floorId: string; alias: number; x: number; y: number; locationId: string } | null;
}

interface Device {
  alias: number;
  /** The location Cisco reported (the chain's most specific node). */
  reported: string;
  /** Where the device counts: a polygon zone under `reported` that contains it, else `reported`. */
  counted: string;
  /** The floor whose map the position refers to. */
  floor: string;
  x: number | null;
  y: number | null;
  ts: number;
  /** Time of this device's pending expiry check. */
  check: number;
}

interface Computed extends Occupancy {
  /** The number is made only of devices we locate ourselves (no reported count in it). */
  tracked: boolean;
}

const NONE: Computed = { count: 0, source: null, rollup: false, mixed: false, at: null, tracked: false };
const publicOf = ({ count, source, rollup, mixed, at }: Computed): Occupancy => ({ count, source, rollup, mixed, at });
const tenantKey = (t: TenantRef) => `${t.spacesTenantId}|${t.partnerTenantId}`;

/** A new engine, or one continuing from a snapshot (throws if the snapshot is of another version). */
export function createEngine(from?: EngineSnapshot, options: EngineOptions = {}): Engine {
  if (from && from.v !== ENGINE_SNAPSHOT_VERSION) throw new Error(`unsupported engine snapshot version ${String(from.v)}`);
  const freshMs = options.countFreshMs ?? COUNT_FRESH_MS;
  const ttl = options.deviceTtlMs ?? DEVICE_TTL_MS;

  const tree = createHierarchy(from?.locations);
  const removedAt = new Map(from?.removed);
  const devices = new Map<string, Device>();
  const exits = new Map(from?.exits);
  const reports = new Map<string, Reports>(from?.reports.map(([id, r]) => [id, reportsFromJSON(r)]));
  const activity = new Map(from?.activity); // counted location -> newest device event there
  const polygons = new Map<string, { points: Point[]; area: number }>();
  const emitted = new Map<string, { key: string; at: number | null }>(from?.emitted.map(([id, key, at]) => [id, { key, at }]));
  const tenants = new Map<string, TenantChange>(from?.tenants.map((t) => [tenantKey(t), { ...t }]));
  const copy = (entries: Array<[number, string]> | undefined) => new MinHeap(entries?.map(([t, k]) => [t, k]) ?? []);
  const locationChecks = copy(from?.checks.locations);
  const nextCheck = new Map(from?.checks.next);
  const deviceChecks = copy(from?.checks.devices);
  const exitChecks = copy(from?.checks.exits);
  let clock = from?.clock ?? 0;
  let nextAlias = from?.nextAlias ?? 1;

  // Derived from the state above, rebuilt on restore.
  const direct = new Map<string, number>(); // counted location -> devices counted there
  const onFloor = new Map<string, Set<string>>(); // floor -> device ids
  const zonesOn = new Map<string, Set<string>>(); // floor -> zones with a polygon on it
  const cache = new Map<string, Computed>();

  // Pending changes, drained by drain().
  const pendingLocations = new Map<string, LocationInfo>(from?.pending.locations.map((l) => [l.id, { ...l }]));
  let pendingRemoved: string[] = [...(from?.pending.removed ?? [])];
  const dirty = new Set<string>(from?.pending.counts);
  const floorDeltas = new Map<string, { moved: Map<number, DevicePoint>; removed: Set<number> }>(
    from?.pending.floors.map(([id, moved, removed]) => [id, { moved: new Map(moved.map((p) => [p[0], [...p] as DevicePoint])), removed: new Set(removed) }]),
  );
  let pendingTenants: TenantChange[] = from?.pending.tenants.map((t) => ({ ...t })) ?? [];

  for (const [id, alias, reported, counted, floor, x, y, ts, check] of from?.devices ?? []) {
    devices.set(id, { alias, reported, counted, floor, x, y, ts, check });
    direct.set(counted, (direct.get(counted) ?? 0) + 1);
    addOnFloor(floor, id);
  }
  for (const [zone, points] of from?.polygons ?? []) polygons.set(zone, { points: points.map(([x, y]) => [x, y]), area: polygonArea(points) });
  indexZones();

  /** Marks a location and its ancestors for re-evaluation. */
  function mark(id: string | null) {
    for (let cur = id, depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
      dirty.add(cur);
      cache.delete(cur);
      cur = tree.get(cur)?.parentId ?? null;
    }
  }

  /** Re-evaluates a location at `at` (when one of its counts may go stale). */
  function schedule(id: string, at: number) {
    if (at < clock) return;
    const pending = nextCheck.get(id);
    if (pending !== undefined && pending <= at) return; // that check will schedule the next one
    nextCheck.set(id, at);
    locationChecks.push([at, id]);
  }

  function recheck(id: string) {
    mark(id);
    let next: number | null = null;
    const r = reports.get(id);
    if (r) {
      if (pruneReports(r, clock, freshMs)) reports.delete(id);
      else next = nextExpiry(r, clock, freshMs);
    }
    const act = activity.get(id);
    if (act !== undefined) {
      if (act + ttl >= clock) next = next === null ? act + ttl : Math.min(next, act + ttl);
      else if (!direct.get(id)) activity.delete(id);
    }
    if (next !== null) schedule(id, next);
  }

  /** Moves the clock to `to`, expiring devices, exits and counts that went stale on the way. */
  function advance(to: number) {
    if (to <= clock) return;
    clock = to;
    for (let top = deviceChecks.peek(); top && top[0] < clock; top = deviceChecks.peek()) {
      deviceChecks.pop();
      const d = devices.get(top[1]);
      if (!d || d.check !== top[0]) continue;
      if (d.ts + ttl < clock) removeDevice(top[1]);
      else deviceChecks.push([(d.check = d.ts + ttl), top[1]]);
    }
    for (let top = exitChecks.peek(); top && top[0] < clock; top = exitChecks.peek()) {
      exitChecks.pop();
      if (exits.get(top[1]) === top[0] - ttl) exits.delete(top[1]);
    }
    for (let top = locationChecks.peek(); top && top[0] < clock; top = locationChecks.peek()) {
      locationChecks.pop();
      if (nextCheck.get(top[1]) !== top[0]) continue; // superseded by an earlier check
      nextCheck.delete(top[1]);
      recheck(top[1]);
    }
  }

  // ---- hierarchy -------------------------------------------------------------------------------

  function learn(chain: readonly LocationNode[], mapOwner: string | null, mapId: string, zone?: { owner: string; timeZone: string } | null) {
    let structural = false;
    tree.learn(chain, mapOwner, mapId, (info, before) => {
      pendingLocations.set(info.id, info);
      if (before && before.type === info.type && before.parentId === info.parentId) return;
      structural = true;
      if (!before) pendingRemoved = pendingRemoved.filter((id) => id !== info.id);
      if (before && before.parentId !== info.parentId) mark(before.parentId);
      mark(info.id);
    }, zone);
    if (structural && polygons.size) indexZones();
  }

  /** False for an event about a location removed after it was sent; a newer one brings it back. */
  function admit(chain: readonly LocationNode[], ts: number): boolean {
    if (!removedAt.size) return true;
    for (const n of chain) {
      const at = removedAt.get(n.locationId);
      if (at !== undefined && ts <= at) return false;
    }
    for (const n of chain) removedAt.delete(n.locationId);
    return true;
  }

  function removeLocation(id: string, ts: number) {
    const ids = tree.subtree(id);
    for (const x of ids.length ? ids : [id]) removedAt.set(x, Math.max(ts, removedAt.get(x) ?? ts));
    if (!ids.length) return;
    const gone = new Set(ids);
    const parent = tree.get(id)?.parentId ?? null;
    // A rare event: a scan of the devices is fine here.
    for (const [deviceId, d] of devices) if (gone.has(d.reported) || gone.has(d.floor)) removeDevice(deviceId);
    // Polygons are our own settings, not Cisco's: kept, they apply again if the zone comes back.
    for (const x of ids) {
      reports.delete(x);
      activity.delete(x);
      nextCheck.delete(x);
      emitted.delete(x);
      pendingLocations.delete(x);
      floorDeltas.delete(x);
    }
    tree.remove(ids);
    for (const x of ids) {
      dirty.delete(x);
      cache.delete(x);
    }
    pendingRemoved.push(...ids);
    mark(parent);
    indexZones(); // devices counted in a removed zone fall back to where Cisco placed them
  }

  // ---- zones -----------------------------------------------------------------------------------

  /** Rebuilds floor → zones and re-places every device on an affected floor. Rare: polygon or tree changes. */
  function indexZones() {
    const affected = new Set(zonesOn.keys());
    zonesOn.clear();
    for (const zone of polygons.keys()) {
      const floor = tree.floorAbove(zone);
      if (!floor) continue;
      let set = zonesOn.get(floor);
      if (!set) zonesOn.set(floor, (set = new Set()));
      set.add(zone);
      affected.add(floor);
    }
    for (const floor of affected) for (const id of onFloor.get(floor) ?? []) recount(id);
  }

  /** The zone a position falls in under the reported location: the smallest polygon that holds it. */
  function countedAt(reported: string, floor: string, x: number | null, y: number | null): string {
    const zones = x === null || y === null ? undefined : zonesOn.get(floor);
    if (!zones) return reported;
    let best: string | null = null;
    let bestArea = Infinity;
    for (const zone of zones) {
      if (zone === reported || !tree.isAncestor(reported, zone)) continue;
      const p = polygons.get(zone)!;
      if (!containsPoint(p.points, x!, y!)) continue;
      if (p.area < bestArea || (p.area === bestArea && best !== null && zone < best)) {
        best = zone;
        bestArea = p.area;
      }
    }
    return best ?? reported;
  }

  // ---- devices ---------------------------------------------------------------------------------

  function addOnFloor(floor: string, id: string) {
    let set = onFloor.get(floor);
    if (!set) onFloor.set(floor, (set = new Set()));
    set.add(id);
  }

  function leaveFloor(d: Device, id: string) {
    const set = onFloor.get(d.floor);
    set?.delete(id);
    if (set && !set.size) onFloor.delete(d.floor);
    if (d.x === null) return;
    const fd = floorDelta(d.floor);
    fd.moved.delete(d.alias);
    fd.removed.add(d.alias);
  }

  function floorDelta(floor: string) {
    let d = floorDeltas.get(floor);
    if (!d) floorDeltas.set(floor, (d = { moved: new Map(), removed: new Set() }));
    return d;
  }

  function count(location: string, delta: number) {
    const n = (direct.get(location) ?? 0) + delta;
    if (n) direct.set(location, n);
    else direct.delete(location);
    mark(location);
  }

  function touch(location: string, ts: number) {
    if (ts > (activity.get(location) ?? -Infinity)) activity.set(location, ts);
    mark(location);
    schedule(location, activity.get(location)! + ttl);
  }

  function removeDevice(id: string) {
    const d = devices.get(id);
    if (!d) return;
    devices.delete(id);
    count(d.counted, -1);
    leaveFloor(d, id);
  }

  /** Re-places a device after zones changed. */
  function recount(id: string) {
    const d = devices.get(id);
    if (!d) return;
    const counted = countedAt(d.reported, d.floor, d.x, d.y);
    if (counted === d.counted) return;
    count(d.counted, -1);
    count(counted, +1);
    d.counted = counted;
    touch(counted, d.ts);
  }

  function place(id: string, reported: string, floor: string, x: number | null, y: number | null, ts: number) {
    const counted = countedAt(reported, floor, x, y);
    let d = devices.get(id);
    if (!d) {
      d = { alias: nextAlias++, reported, counted, floor, x, y, ts, check: ts + ttl };
      devices.set(id, d);
      count(counted, +1);
      addOnFloor(floor, id);
      deviceChecks.push([d.check, id]);
    } else {
      if (d.floor !== floor) {
        leaveFloor(d, id);
        addOnFloor(floor, id);
      }
      if (d.counted !== counted) {
        count(d.counted, -1);
        count(counted, +1);
      }
      Object.assign(d, { reported, counted, floor, x, y, ts });
    }
    touch(counted, ts);
    if (x !== null && y !== null) {
      const fd = floorDelta(floor);
      fd.removed.delete(d.alias);
      fd.moved.set(d.alias, [d.alias, x, y]);
    }
  }

  /** False for device news older than what is known (late deliveries never undo newer ones). */
  function admitDevice(id: string, ts: number): boolean {
    if (ts + ttl < clock) return false; // it would have expired already
    const left = exits.get(id);
    if (left !== undefined && left >= ts) return false;
    const d = devices.get(id);
    return !(d && d.ts > ts);
  }

  /** Entry, activity or any other presence step: the device is here (keeping a finer known position). */
  function seen(id: string, chain: readonly LocationNode[], ts: number) {
    if (!admitDevice(id, ts)) return;
    const reported = chain[0]!.locationId;
    const d = devices.get(id);
    if (d && (d.reported === reported || tree.isAncestor(reported, d.reported))) {
      d.ts = ts;
      return touch(d.counted, ts);
    }
    const floor = floorOf(chain);
    const same = d !== undefined && d.floor === floor;
    place(id, reported, floor, same ? d.x : null, same ? d.y : null, ts);
  }

  /** Exit or inactivity: the device no longer counts, and older news of it is refused. */
  function gone(id: string, ts: number) {
    if (ts + ttl < clock) return;
    const d = devices.get(id);
    if (d && d.ts > ts) return;
    const left = exits.get(id);
    if (left === undefined || ts > left) {
      exits.set(id, ts);
      exitChecks.push([ts + ttl, id]);
    }
    if (!d) return;
    touch(d.counted, ts);
    removeDevice(id);
  }

  // ---- reported counts -------------------------------------------------------------------------

  function report(location: string, ts: number, update: (r: Reports) => boolean) {
    if (ts + freshMs < clock) return; // stale on arrival: it could never count
    let r = reports.get(location);
    if (!r) reports.set(location, (r = {}));
    if (!update(r)) return;
    mark(location);
    schedule(location, ts + freshMs);
  }

  function setTenant(t: TenantRef, state: TenantChange["state"], ts: number) {
    const key = tenantKey(t);
    const before = tenants.get(key);
    if (before && before.at > ts) return;
    const now: TenantChange = { spacesTenantId: t.spacesTenantId, partnerTenantId: t.partnerTenantId, referenceId: t.referenceId, state, at: ts };
    tenants.set(key, now);
    if (!before || before.state !== state || before.referenceId !== now.referenceId) pendingTenants.push(now);
  }

  // ---- occupancy -------------------------------------------------------------------------------

  function compute(id: string, depth = 0): Computed {
    const hit = cache.get(id);
    if (hit) return hit;
    const r = reports.get(id);
    const own = r ? bestReported(r, clock, freshMs) : null;
    let out: Computed;
    if (own) out = { count: own.count, source: own.source, rollup: false, mixed: false, at: own.at, tracked: false };
    else {
      const totals = [0, 0, 0, 0];
      const present = [false, false, false, false];
      let total = 0;
      let at: number | null = null;
      let tracked = true;
      let mixed = false;
      let any = false;
      const add = (c: Computed) => {
        const i = SOURCES.indexOf(c.source!);
        totals[i]! += c.count;
        present[i] = true;
        total += c.count;
        if (c.at !== null && (at === null || c.at > at)) at = c.at;
        tracked &&= c.tracked;
        mixed ||= c.mixed;
        any = true;
      };
      const here = direct.get(id) ?? 0;
      const act = activity.get(id);
      if (here > 0 || (act !== undefined && act + ttl >= clock)) add({ count: here, source: "wifi_devices", rollup: false, mixed: false, at: act ?? null, tracked: true });
      if (depth < MAX_DEPTH) {
        for (const child of tree.children(id)) {
          const c = compute(child, depth + 1);
          if (c.source !== null) add(c);
        }
      }
      if (!any) out = NONE;
      else {
        let lead = -1;
        for (let i = 0; i < SOURCES.length; i++) if (present[i] && (lead < 0 || totals[i]! > totals[lead]!)) lead = i;
        out = { count: total, source: SOURCES[lead]!, rollup: !tracked, mixed: mixed || present.filter(Boolean).length > 1, at, tracked };
      }
    }
    cache.set(id, out);
    return out;
  }

  function sourceCounts(id: string, depth = 0): Partial<Record<Source, number>> {
    const r = reports.get(id);
    const out = r ? freshBySource(r, clock, freshMs) : {};
    const fromChildren: Partial<Record<Source, number>> = {};
    if (depth < MAX_DEPTH) {
      for (const child of tree.children(id)) {
        for (const [s, n] of Object.entries(sourceCounts(child, depth + 1)) as Array<[Source, number]>) fromChildren[s] = (fromChildren[s] ?? 0) + n;
      }
    }
    const here = direct.get(id) ?? 0;
    if (here > 0 && out.wifi_devices === undefined) fromChildren.wifi_devices = (fromChildren.wifi_devices ?? 0) + here;
    for (const s of SOURCES) if (out[s] === undefined && fromChildren[s] !== undefined) out[s] = fromChildren[s];
    return out;
  }

  // ---- events ----------------------------------------------------------------------------------

  function apply(e: FirehoseEvent) {
    advance(e.ts);
    switch (e.type) {
      case "KEEP_ALIVE":
        return;
      case "APP_ACTIVATION":
        return setTenant(e.tenant, "activated", e.ts);
      case "APP_DE_ACTIVATION":
        return setTenant(e.tenant, "deactivated", e.ts);
    }
    const chain = e.chain;
    if (!chain || !admit(chain, e.ts)) return;
    const here = chain[0]!.locationId;
    switch (e.type) {
      case "LOCATION_CHANGE":
        if (e.change === "REMOVE") return removeLocation(here, e.ts);
        return learn(chain, here, e.mapId, e.timeZone ? { owner: here, timeZone: e.timeZone } : null);
      case "DEVICE_LOCATION_UPDATE": {
        const floor = floorOf(chain);
        learn(chain, floor, e.mapId);
        if (admitDevice(e.deviceId, e.ts)) place(e.deviceId, here, floor, e.x, e.y, e.ts);
        return;
      }
      case "DEVICE_ENTRY":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        return seen(e.deviceId, chain, e.ts);
      case "DEVICE_EXIT":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        return gone(e.deviceId, e.ts);
      case "DEVICE_PRESENCE":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        if (e.activeDevices !== null) report(here, e.ts, (r) => recordSlot(r, "devices", e.activeDevices!, e.ts));
        if (e.presence === "exit" || e.presence === "inactive") return gone(e.deviceId, e.ts);
        return seen(e.deviceId, chain, e.ts);
      case "USER_PRESENCE":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        if (e.activeUsers !== null) report(here, e.ts, (r) => recordSlot(r, "users", e.activeUsers!, e.ts));
        return;
      case "DEVICE_COUNT":
        learn(chain, null, "");
        return report(here, e.ts, (r) => recordSlot(r, "devices", e.associated, e.ts));
      case "CAMERA_COUNT":
        learn(chain, null, "");
        return report(here, e.ts, (r) => recordSlot(r, "camera", e.count, e.ts));
      case "RAW_CAMERA_COUNT":
        learn(chain, null, "");
        return report(here, e.ts, (r) => recordKeyed(r, "rawCameras", `${e.cameraId}|${e.zoneId}`, e.count, e.ts));
      case "TP_PEOPLE_COUNT_UPDATE":
      case "WEBEX_TELEMETRY":
      case "SPACE_OCCUPANCY":
      case "IOT_TELEMETRY":
        learn(chain, null, "");
        // No count (standby, or telemetry without room data) says nothing: the last count stands until stale.
        if (e.people !== null) report(here, e.ts, (r) => recordKeyed(r, "people", e.reporter, e.people!, e.ts));
        return;
      default:
        return learn(chain, null, "");
    }
  }

  return {
    get clock() {
      return clock;
    },
    apply,
    drain() {
      const counts: Record<string, Occupancy> = {};
      for (const id of dirty) {
        if (!tree.get(id)) continue;
        const o = publicOf(compute(id));
        const key = `${o.count}|${o.source}|${o.rollup}|${o.mixed}`;
        const last = emitted.get(id);
        // Unchanged numbers are re-sent only as their age advances, so freshness stays true and cheap.
        if (last && last.key === key && (o.at === null || last.at === null || o.at - last.at < FRESHNESS_STEP_MS)) continue;
        emitted.set(id, { key, at: o.at });
        counts[id] = o;
      }
      const floors: Changes["floors"] = {};
      for (const [id, d] of floorDeltas) floors[id] = { moved: [...d.moved.values()], removed: [...d.removed] };
      const changes: Changes = { locations: [...pendingLocations.values()], removedLocations: pendingRemoved, counts, floors, tenants: pendingTenants };
      pendingLocations.clear();
      pendingRemoved = [];
      pendingTenants = [];
      dirty.clear();
      floorDeltas.clear();
      return changes;
    },
    location: (id) => tree.get(id),
    locations: () => tree.all(),
    occupancy: (id) => (tree.get(id) ? publicOf(compute(id)) : publicOf(NONE)),
    locate(deviceId) {
      const d = devices.get(deviceId);
      if (!d || d.x === null || d.y === null) return null;
      return { floorId: d.floor, alias: d.alias, x: d.x, y: d.y, locationId: d.counted };
    },
    devicesOn(floorId) {
      const out: DevicePoint[] = [];
      for (const id of onFloor.get(floorId) ?? []) {
        const d = devices.get(id)!;
        if (d.x !== null && d.y !== null) out.push([d.alias, d.x, d.y]);
      }
      return out.sort((a, b) => a[0] - b[0]); // the same order however the engine got here
    },
    setZonePolygon(zoneId, polygon) {
      if (polygon === null) {
        if (polygons.delete(zoneId)) indexZones();
        return true;
      }
      if (!validPolygon(polygon)) return false;
      const points: Point[] = polygon.map(([x, y]) => [x, y]);
      const before = polygons.get(zoneId);
      if (before && JSON.stringify(before.points) === JSON.stringify(points)) return true;
      polygons.set(zoneId, { points, area: polygonArea(points) });
      indexZones();
      return true;
    },
    sourceCounts: (id) => sourceCounts(id),
    tenants: () => [...tenants.values()].map((t) => ({ ...t })),
    snapshot(): EngineSnapshot {
      return {
        v: ENGINE_SNAPSHOT_VERSION,
        clock,
        nextAlias,
        locations: tree.all().map((l) => ({ ...l })),
        removed: [...removedAt],
        devices: [...devices].map(([id, d]) => [id, d.alias, d.reported, d.counted, d.floor, d.x, d.y, d.ts, d.check]),
        exits: [...exits],
        reports: [...reports].map(([id, r]) => [id, reportsToJSON(r)]),
        activity: [...activity],
        polygons: [...polygons].map(([id, p]) => [id, p.points.map(([x, y]) => [x, y] as [number, number])]),
        emitted: [...emitted].map(([id, e]) => [id, e.key, e.at]),
        tenants: [...tenants.values()].map((t) => ({ ...t })),
        checks: {
          locations: locationChecks.items.map(([t, k]) => [t, k]),
          next: [...nextCheck],
          devices: deviceChecks.items.map(([t, k]) => [t, k]),
          exits: exitChecks.items.map(([t, k]) => [t, k]),
        },
        pending: {
          locations: [...pendingLocations.values()].map((l) => ({ ...l })),
          removed: [...pendingRemoved],
          counts: [...dirty],
          floors: [...floorDeltas].map(([id, d]) => [id, [...d.moved.values()].map((p) => [...p] as DevicePoint), [...d.removed]]),
          tenants: pendingTenants.map((t) => ({ ...t })),
        },
      };
    },
  };
}
