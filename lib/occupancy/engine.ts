import type { FirehoseEvent, LocationNode } from "@/lib/firehose/decode";
import type { Changes, DevicePoint, LocationInfo, LocationType, Occupancy, Source } from "./types";

// Pure: decoded events in, changes out. Time is event time (recordTimestamp), never the wall clock,
// so the same events give the same state however fast or late they are replayed.

/** A device unheard of for this long has left (Cisco marks devices inactive after 10 minutes). */
export const DEVICE_TTL_MS = 10 * 60_000;
/** An unchanged count is re-emitted when its inputs are this much newer, to keep "updated N s ago" true. */
export const FRESHNESS_STEP_MS = 5_000;

interface Device {
  alias: number;
  locationId: string;
  x: number | null;
  y: number | null;
  ts: number;
}

interface Direct {
  count: number;
  ts: number;
}

const TYPE_ORDER: LocationType[] = ["ZONE", "FLOOR", "BUILDING", "CAMPUS", "ROOT"];

export function locationType(types: string[]): LocationType {
  return TYPE_ORDER.find((t) => types.includes(t)) ?? "OTHER";
}

export interface Engine {
  apply(event: FirehoseEvent): void;
  /** Changes since the last drain, after expiring devices unheard of for DEVICE_TTL_MS. */
  drain(): Changes;
  location(id: string): LocationInfo | undefined;
  locations(): LocationInfo[];
  occupancy(id: string): Occupancy;
  devicesOn(locationId: string): DevicePoint[];
  /** Newest event time seen. */
  readonly clock: number;
}

export function createEngine(): Engine {
  const locations = new Map<string, LocationInfo>();
  const children = new Map<string, Set<string>>();
  const devices = new Map<string, Device>();
  const exits = new Map<string, number>(); // deviceId -> exit time, so late updates do not resurrect it
  const wifi = new Map<string, number>(); // locationId -> devices located there
  const wifiAt = new Map<string, number>(); // locationId -> newest device event there
  const direct: Record<Exclude<Source, "wifi">, Map<string, Direct>> = { camera: new Map(), people: new Map() };
  const emitted = new Map<string, { key: string; at: number | null }>(); // last occupancy sent per location
  let clock = 0;
  let nextAlias = 1;

  let dirtyLocations: LocationInfo[] = [];
  const dirtyCounts = new Set<string>();
  const floorDeltas = new Map<string, { moved: Map<number, DevicePoint>; removed: Set<number> }>();

  function learn(chain: LocationNode[], mapId?: string) {
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i]!;
      const known = locations.get(n.locationId);
      const info: LocationInfo = {
        id: n.locationId,
        name: n.name || known?.name || n.locationId,
        type: locationType(n.inferredLocationTypes),
        parentId: n.parentId,
        mapId: (i === 0 && mapId) || known?.mapId || null,
      };
      if (known && known.name === info.name && known.type === info.type && known.parentId === info.parentId && known.mapId === info.mapId) continue;
      if (known?.parentId && known.parentId !== info.parentId) children.get(known.parentId)?.delete(info.id);
      if (info.parentId) {
        let set = children.get(info.parentId);
        if (!set) children.set(info.parentId, (set = new Set()));
        set.add(info.id);
      }
      locations.set(info.id, info);
      dirtyLocations.push(info);
      markCount(info.id);
    }
  }

  function markCount(id: string | null) {
    for (let cur = id, depth = 0; cur && depth < 32; cur = locations.get(cur)?.parentId ?? null, depth++) dirtyCounts.add(cur);
  }

  function floorDelta(locationId: string) {
    let d = floorDeltas.get(locationId);
    if (!d) floorDeltas.set(locationId, (d = { moved: new Map(), removed: new Set() }));
    return d;
  }

  function removeDevice(id: string) {
    const d = devices.get(id);
    if (!d) return;
    devices.delete(id);
    wifi.set(d.locationId, (wifi.get(d.locationId) ?? 1) - 1);
    markCount(d.locationId);
    const fd = floorDelta(d.locationId);
    fd.moved.delete(d.alias);
    fd.removed.add(d.alias);
  }

  function touch(locationId: string, ts: number) {
    if (ts > (wifiAt.get(locationId) ?? 0)) wifiAt.set(locationId, ts);
  }

  function placeDevice(id: string, locationId: string, x: number | null, y: number | null, ts: number) {
    const exitedAt = exits.get(id);
    if (exitedAt !== undefined && exitedAt >= ts) return;
    let d = devices.get(id);
    if (d && d.ts > ts) return; // an older update arriving late
    if (d && d.locationId !== locationId) {
      removeDevice(id);
      d = undefined;
    }
    if (!d) {
      d = { alias: nextAlias++, locationId, x, y, ts };
      devices.set(id, d);
      wifi.set(locationId, (wifi.get(locationId) ?? 0) + 1);
      markCount(locationId);
    }
    d.ts = ts;
    touch(locationId, ts);
    markCount(locationId);
    if (x !== null && y !== null) {
      d.x = x;
      d.y = y;
      const fd = floorDelta(locationId);
      fd.removed.delete(d.alias);
      fd.moved.set(d.alias, [d.alias, x, y]);
    }
  }

  function setDirect(source: "camera" | "people", locationId: string, count: number, ts: number) {
    const prev = direct[source].get(locationId);
    if (prev && prev.ts > ts) return;
    direct[source].set(locationId, { count, ts });
    markCount(locationId);
  }

  function occupancy(id: string, memo = new Map<string, Occupancy>()): Occupancy {
    const cached = memo.get(id);
    if (cached) return cached;
    let result: Occupancy;
    const cam = direct.camera.get(id);
    const ppl = direct.people.get(id);
    if (cam) result = { count: cam.count, source: "camera", at: cam.ts };
    else if (ppl) result = { count: ppl.count, source: "people", at: ppl.ts };
    else {
      const here = wifi.get(id) ?? 0;
      let count = here;
      let source: Occupancy["source"] = here > 0 ? "wifi" : null;
      let at: number | null = null;
      if (here > 0) at = wifiAt.get(id) ?? null;
      for (const child of children.get(id) ?? []) {
        const o = occupancy(child, memo);
        if (o.source === null) continue;
        count += o.count;
        source = source === null || source === o.source ? o.source : "mixed";
        at = at === null || (o.at !== null && o.at > at) ? o.at : at;
      }
      result = { count, source, at };
    }
    memo.set(id, result);
    return result;
  }

  return {
    get clock() {
      return clock;
    },
    apply(e) {
      if (e.ts > clock) clock = e.ts;
      switch (e.type) {
        case "KEEP_ALIVE":
          return;
        case "DEVICE_LOCATION_UPDATE":
          learn(e.chain, e.mapId);
          return placeDevice(e.deviceId, e.chain[0]!.locationId, e.x, e.y, e.ts);
        case "DEVICE_PRESENCE":
          learn(e.chain);
          if (e.presence === "exit") {
            const d = devices.get(e.deviceId);
            if (d && d.ts > e.ts) return;
            exits.set(e.deviceId, e.ts);
            if (d) touch(d.locationId, e.ts);
            return removeDevice(e.deviceId);
          }
          if (e.presence === "entry" || e.presence === "active") {
            const d = devices.get(e.deviceId);
            return placeDevice(e.deviceId, e.chain[0]!.locationId, d?.x ?? null, d?.y ?? null, e.ts);
          }
          return;
        case "CAMERA_COUNT":
          learn(e.chain);
          return setDirect("camera", e.chain[0]!.locationId, e.count, e.ts);
      }
    },
    drain() {
      const horizon = clock - DEVICE_TTL_MS;
      for (const [id, d] of devices) if (d.ts < horizon) removeDevice(id);
      for (const [id, t] of exits) if (t < horizon) exits.delete(id);

      const memo = new Map<string, Occupancy>();
      const counts: Record<string, Occupancy> = {};
      for (const id of dirtyCounts) {
        const o = occupancy(id, memo);
        const key = `${o.count}|${o.source}`;
        const last = emitted.get(id);
        // Unchanged numbers are re-sent only as their age advances, so freshness stays true and cheap.
        if (last && last.key === key && (o.at === null || last.at === null || o.at - last.at < FRESHNESS_STEP_MS)) continue;
        emitted.set(id, { key, at: o.at });
        counts[id] = o;
      }
      const floors: Changes["floors"] = {};
      for (const [id, d] of floorDeltas) floors[id] = { moved: [...d.moved.values()], removed: [...d.removed] };
      const changes: Changes = { locations: dirtyLocations, counts, floors };
      dirtyLocations = [];
      dirtyCounts.clear();
      floorDeltas.clear();
      return changes;
    },
    location: (id) => locations.get(id),
    locations: () => [...locations.values()],
    occupancy: (id) => occupancy(id),
    devicesOn(locationId) {
      const out: DevicePoint[] = [];
      for (const d of devices.values()) if (d.locationId === locationId && d.x !== null && d.y !== null) out.push([d.alias, d.x, d.y]);
      return out;
    },
  };
}
