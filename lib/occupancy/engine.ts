import type { FirehoseEvent, LocationNode, TenantRef } from "@/lib/firehose/decode";
import { expireCounts, pair, report, reportPresence } from "./counts";
import { admitDevice, expireDevices, gone, indexZones, place, rebuildIndexes, removeDevice, seen } from "./devices";
import { floorOf, locationType, venueZone } from "./hierarchy";
import { drainCounts, occupancyOf, sourceCounts } from "./occupancy";
import { polygonArea, validPolygon, type Point } from "./polygon";
import { bandOf } from "./ratio";
import { COUNT_FRESH_MS, DEVICE_TTL_MS, FRESHNESS_STEP_MS } from "./rules";
import type { EngineSnapshot } from "./snapshot";
import { recordKeyed, recordSlot } from "./sources";
import { fromSnapshot, mark, markUnder, tenantKey, toSnapshot, type EngineState } from "./state";
import type { Changes, DevicePoint, LocationInfo, Occupancy, Source, TenantChange } from "./types";

// Pure: decoded events in, changes out. Time is event time (recordTimestamp), never the wall clock, so
// the same events give the same state however fast or late they are replayed, and a snapshot taken at
// any point continues exactly. Per location each source is kept apart; estimate.ts turns them, the
// children's estimates and the building's learned devices-per-person ratio (ratio.ts) into people.
// Devices located by Wi-Fi count where they are (a polygon zone refines their floor), exactly once.
// Work per event is O(depth of the tree); expiries are driven by heaps, so drain() never scans devices.
// The state is one explicit object (state.ts, which also owns its snapshot shape); devices.ts, counts.ts
// and occupancy.ts are functions of it, and this file routes events to them.

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

/** A new engine, or one continuing from a snapshot (throws if the snapshot is of another version). */
export function createEngine(from?: EngineSnapshot, options: EngineOptions = {}): Engine {
  const s: EngineState = fromSnapshot(
    from,
    options.countFreshMs ?? COUNT_FRESH_MS,
    options.deviceTtlMs ?? DEVICE_TTL_MS,
  );
  rebuildIndexes(s);

  /** Moves the clock to `to`, expiring devices, exits and counts that went stale on the way. */
  function advance(to: number) {
    if (to <= s.clock) return;
    if (bandOf(to) !== bandOf(s.clock)) markUnder(s, null); // another hour band: another ratio
    s.clock = to;
    expireDevices(s);
    expireCounts(s);
  }

  // ---- hierarchy -------------------------------------------------------------------------------

  function learn(
    chain: readonly LocationNode[],
    mapOwner: string | null,
    mapId: string,
    zone?: { owner: string; timeZone: string } | null,
  ) {
    let structural = false;
    s.tree.learn(
      chain,
      mapOwner,
      mapId,
      (info, before) => {
        s.pending.locations.set(info.id, info);
        if (before && before.type === info.type && before.parentId === info.parentId) return;
        structural = true;
        if (!before) s.pending.removed = s.pending.removed.filter((id) => id !== info.id);
        if (before && before.parentId !== info.parentId) mark(s, before.parentId);
        mark(s, info.id);
      },
      zone,
    );
    if (structural && s.polygons.size) indexZones(s);
  }

  /** False for an event about a location removed after it was sent; a newer one brings it back. */
  function admit(chain: readonly LocationNode[], ts: number): boolean {
    if (!s.removedAt.size) return true;
    for (const n of chain) {
      const at = s.removedAt.get(n.locationId);
      if (at !== undefined && ts <= at) return false;
    }
    for (const n of chain) s.removedAt.delete(n.locationId);
    return true;
  }

  function removeLocation(id: string, ts: number) {
    const ids = s.tree.subtree(id);
    for (const x of ids.length ? ids : [id]) s.removedAt.set(x, Math.max(ts, s.removedAt.get(x) ?? ts));
    if (!ids.length) return;
    const gone = new Set(ids);
    const parent = s.tree.get(id)?.parentId ?? null;
    // A rare event: a scan of the devices is fine here.
    for (const [deviceId, d] of s.devices) if (gone.has(d.reported) || gone.has(d.floor)) removeDevice(s, deviceId);
    // Polygons are our own settings, not Cisco's: kept, they apply again if the zone comes back.
    for (const x of ids) {
      s.reports.delete(x);
      s.activity.delete(x);
      s.ratios.forget(x);
      s.checks.next.delete(x);
      s.emitted.delete(x);
      s.pending.locations.delete(x);
      s.pending.floors.delete(x);
    }
    s.tree.remove(ids);
    for (const x of ids) {
      s.pending.counts.delete(x);
      s.cache.delete(x);
    }
    s.pending.removed.push(...ids);
    mark(s, parent);
    indexZones(s); // devices counted in a removed zone fall back to where Cisco placed them
  }

  function setTenant(t: TenantRef, state: TenantChange["state"], ts: number) {
    const key = tenantKey(t);
    const before = s.tenants.get(key);
    if (before && before.at > ts) return;
    const now: TenantChange = {
      spacesTenantId: t.spacesTenantId,
      partnerTenantId: t.partnerTenantId,
      referenceId: t.referenceId,
      state,
      at: ts,
    };
    s.tenants.set(key, now);
    if (!before || before.state !== state || before.referenceId !== now.referenceId) s.pending.tenants.push(now);
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
        if (admitDevice(s, e.deviceId, e.ts)) place(s, e.deviceId, here, floor, e.x, e.y, e.ts);
        return;
      }
      case "DEVICE_ENTRY":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        return seen(s, e.deviceId, chain, e.ts);
      case "DEVICE_EXIT":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        return gone(s, e.deviceId, e.ts);
      case "DEVICE_PRESENCE":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        reportPresence(s, here, e.ts, "devices", e.activeDevices, e.inactiveDevices);
        if (e.presence === "exit" || e.presence === "inactive") return gone(s, e.deviceId, e.ts);
        return seen(s, e.deviceId, chain, e.ts);
      case "USER_PRESENCE":
        learn(chain, null, "", venueZone(chain, e.timeZone));
        return reportPresence(s, here, e.ts, "users", e.activeUsers, e.inactiveUsers);
      case "DEVICE_COUNT":
        learn(chain, null, "");
        report(s, here, e.ts, (r) => recordSlot(r, "devices", e.associated, e.ts));
        // userCount 0 beside associated devices means "not counted", not "nobody".
        if (e.users !== null && (e.users > 0 || e.associated === 0)) {
          report(s, here, e.ts, (r) => recordSlot(r, "users", e.users!, e.ts));
          pair(s, here, e.ts);
        }
        return;
      case "CAMERA_COUNT":
        learn(chain, null, "");
        return report(s, here, e.ts, (r) => recordSlot(r, "camera", e.count, e.ts));
      case "RAW_CAMERA_COUNT":
        learn(chain, null, "");
        return report(s, here, e.ts, (r) => recordKeyed(r, "rawCameras", `${e.cameraId}|${e.zoneId}`, e.count, e.ts));
      case "TP_PEOPLE_COUNT_UPDATE":
      case "WEBEX_TELEMETRY":
      case "SPACE_OCCUPANCY":
      case "IOT_TELEMETRY":
        learn(chain, null, "");
        // No count (standby, or telemetry without room data) says nothing: the last count stands until stale.
        if (e.people !== null) report(s, here, e.ts, (r) => recordKeyed(r, "people", e.reporter, e.people!, e.ts));
        return;
      default:
        return learn(chain, null, "");
    }
  }

  return {
    get clock() {
      return s.clock;
    },
    apply,
    drain() {
      const counts = drainCounts(s);
      const floors: Changes["floors"] = {};
      for (const [id, d] of s.pending.floors) floors[id] = { moved: [...d.moved.values()], removed: [...d.removed] };
      const p = s.pending;
      const changes: Changes = {
        locations: [...p.locations.values()],
        removedLocations: p.removed,
        counts,
        floors,
        tenants: p.tenants,
      };
      p.locations.clear();
      p.removed = [];
      p.tenants = [];
      p.floors.clear();
      return changes;
    },
    location: (id) => s.tree.get(id),
    locations: () => s.tree.all(),
    occupancy: (id) => occupancyOf(s, id),
    locate(deviceId) {
      const d = s.devices.get(deviceId);
      if (!d || d.x === null || d.y === null) return null;
      return { floorId: d.floor, alias: d.alias, x: d.x, y: d.y, locationId: d.counted };
    },
    devicesOn(floorId) {
      const out: DevicePoint[] = [];
      for (const id of s.onFloor.get(floorId) ?? []) {
        const d = s.devices.get(id)!;
        if (d.x !== null && d.y !== null) out.push([d.alias, d.x, d.y]);
      }
      return out.sort((a, b) => a[0] - b[0]); // the same order however the engine got here
    },
    setZonePolygon(zoneId, polygon) {
      if (polygon === null) {
        if (s.polygons.delete(zoneId)) indexZones(s);
        return true;
      }
      if (!validPolygon(polygon)) return false;
      const points: Point[] = polygon.map(([x, y]) => [x, y]);
      const before = s.polygons.get(zoneId);
      if (before && JSON.stringify(before.points) === JSON.stringify(points)) return true;
      s.polygons.set(zoneId, { points, area: polygonArea(points) });
      indexZones(s);
      return true;
    },
    sourceCounts: (id) => sourceCounts(s, id),
    tenants: () => [...s.tenants.values()].map((t) => ({ ...t })),
    snapshot: () => toSnapshot(s),
  };
}
