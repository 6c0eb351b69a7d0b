import { MinHeap } from "./heap";
import { createHierarchy, MAX_DEPTH, type Hierarchy } from "./hierarchy";
import type { Estimate } from "./estimate";
import { polygonArea, type Point } from "./polygon";
import { createRatios, type Ratios } from "./ratio";
import { ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from "./snapshot";
import { reportsFromJSON, reportsToJSON, type Reports } from "./sources";
import type { DevicePoint, LocationInfo, TenantChange } from "./types";
import type { TenantRef } from "@/lib/firehose/decode";

// The engine's whole state in one explicit object, and its one snapshot shape: toSnapshot and
// fromSnapshot are the only places that know both, so a field added here is added to both at once.
// The modules beside it (devices.ts, counts.ts, occupancy.ts) are functions of this state.

export interface Device {
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

export interface EngineState {
  /** How long a reported count stays current, and a device unheard of stays counted. */
  readonly freshMs: number;
  readonly ttl: number;
  /** Newest event time seen. */
  clock: number;
  nextAlias: number;
  tree: Hierarchy;
  /** Tombstones of removed locations: id -> removal time. */
  removedAt: Map<string, number>;
  devices: Map<string, Device>;
  /** Device -> time of its last exit, so older news of it is refused. */
  exits: Map<string, number>;
  reports: Map<string, Reports>;
  /** Counted location -> newest device event there. */
  activity: Map<string, number>;
  polygons: Map<string, { points: Point[]; area: number }>;
  /** What was last sent per location, so unchanged numbers are not sent again. */
  emitted: Map<string, { key: string; at: number | null }>;
  tenants: Map<string, TenantChange>;
  ratios: Ratios;
  checks: { locations: MinHeap; next: Map<string, number>; devices: MinHeap; exits: MinHeap };
  /** Changes applied but not drained yet. */
  pending: {
    locations: Map<string, LocationInfo>;
    removed: string[];
    counts: Set<string>;
    floors: Map<string, { moved: Map<number, DevicePoint>; removed: Set<number> }>;
    tenants: TenantChange[];
  };
  // Derived from the state above (rebuilt on restore, never stored).
  /** Counted location -> devices counted there. */
  direct: Map<string, number>;
  /** Floor -> device ids. */
  onFloor: Map<string, Set<string>>;
  /** Floor -> zones with a polygon on it. */
  zonesOn: Map<string, Set<string>>;
  /** Location -> its current estimate, until something under it changes. */
  cache: Map<string, Estimate>;
}

export const tenantKey = (t: TenantRef) => `${t.spacesTenantId}|${t.partnerTenantId}`;

/** The state a snapshot describes (an empty engine without one); derived indexes are left to the caller. */
export function fromSnapshot(from: EngineSnapshot | undefined, freshMs: number, ttl: number): EngineState {
  if (from && from.v !== ENGINE_SNAPSHOT_VERSION)
    throw new Error(`unsupported engine snapshot version ${String(from.v)}`);
  const heap = (entries: Array<[number, string]> | undefined) => new MinHeap(entries?.map(([t, k]) => [t, k]) ?? []);
  return {
    freshMs,
    ttl,
    clock: from?.clock ?? 0,
    nextAlias: from?.nextAlias ?? 1,
    tree: createHierarchy(from?.locations),
    removedAt: new Map(from?.removed),
    devices: new Map(
      (from?.devices ?? []).map(([id, alias, reported, counted, floor, x, y, ts, check]) => [
        id,
        { alias, reported, counted, floor, x, y, ts, check },
      ]),
    ),
    exits: new Map(from?.exits),
    reports: new Map(from?.reports.map(([id, r]) => [id, reportsFromJSON(r)])),
    activity: new Map(from?.activity),
    polygons: new Map(
      (from?.polygons ?? []).map(([zone, points]) => [
        zone,
        { points: points.map(([x, y]) => [x, y] as Point), area: polygonArea(points) },
      ]),
    ),
    emitted: new Map(from?.emitted.map(([id, key, at]) => [id, { key, at }])),
    tenants: new Map(from?.tenants.map((t) => [tenantKey(t), { ...t }])),
    ratios: createRatios(from?.ratios),
    checks: {
      locations: heap(from?.checks.locations),
      next: new Map(from?.checks.next),
      devices: heap(from?.checks.devices),
      exits: heap(from?.checks.exits),
    },
    pending: {
      locations: new Map(from?.pending.locations.map((l) => [l.id, { ...l }])),
      removed: [...(from?.pending.removed ?? [])],
      counts: new Set(from?.pending.counts),
      floors: new Map(
        from?.pending.floors.map(([id, moved, removed]) => [
          id,
          { moved: new Map(moved.map((p) => [p[0], [...p] as DevicePoint])), removed: new Set(removed) },
        ]),
      ),
      tenants: from?.pending.tenants.map((t) => ({ ...t })) ?? [],
    },
    direct: new Map(),
    onFloor: new Map(),
    zonesOn: new Map(),
    cache: new Map(),
  };
}

/** The whole state as JSON-serialisable data (the derived indexes are rebuilt from it). */
export function toSnapshot(s: EngineState): EngineSnapshot {
  return {
    v: ENGINE_SNAPSHOT_VERSION,
    clock: s.clock,
    nextAlias: s.nextAlias,
    locations: s.tree.all().map((l) => ({ ...l })),
    removed: [...s.removedAt],
    devices: [...s.devices].map(([id, d]) => [id, d.alias, d.reported, d.counted, d.floor, d.x, d.y, d.ts, d.check]),
    exits: [...s.exits],
    reports: [...s.reports].map(([id, r]) => [id, reportsToJSON(r)]),
    activity: [...s.activity],
    polygons: [...s.polygons].map(([id, p]) => [id, p.points.map(([x, y]) => [x, y] as [number, number])]),
    ratios: s.ratios.snapshot(),
    emitted: [...s.emitted].map(([id, e]) => [id, e.key, e.at]),
    tenants: [...s.tenants.values()].map((t) => ({ ...t })),
    checks: {
      locations: s.checks.locations.items.map(([t, k]) => [t, k]),
      next: [...s.checks.next],
      devices: s.checks.devices.items.map(([t, k]) => [t, k]),
      exits: s.checks.exits.items.map(([t, k]) => [t, k]),
    },
    pending: {
      locations: [...s.pending.locations.values()].map((l) => ({ ...l })),
      removed: [...s.pending.removed],
      counts: [...s.pending.counts],
      floors: [...s.pending.floors].map(([id, d]) => [
        id,
        [...d.moved.values()].map((p) => [...p] as DevicePoint),
        [...d.removed],
      ]),
      tenants: s.pending.tenants.map((t) => ({ ...t })),
    },
  };
}

/** Marks a location and its ancestors for re-evaluation. */
export function mark(s: EngineState, id: string | null) {
  for (let cur = id, depth = 0; cur !== null && depth < MAX_DEPTH; depth++) {
    s.pending.counts.add(cur);
    s.cache.delete(cur);
    cur = s.tree.get(cur)?.parentId ?? null;
  }
}

/** Marks everything under `root` (null: everywhere) for re-evaluation, after the ratio it uses moved. */
export function markUnder(s: EngineState, root: string | null) {
  const ids = root === null ? s.tree.all().map((l) => l.id) : s.tree.subtree(root);
  for (const x of ids) {
    s.pending.counts.add(x);
    s.cache.delete(x);
  }
  if (root !== null) mark(s, root);
}

/** Re-evaluates a location at `at` (when one of its counts may go stale). */
export function schedule(s: EngineState, id: string, at: number) {
  if (at < s.clock) return;
  const pending = s.checks.next.get(id);
  if (pending !== undefined && pending <= at) return; // that check will schedule the next one
  s.checks.next.set(id, at);
  s.checks.locations.push([at, id]);
}
