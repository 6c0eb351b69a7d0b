import type { RatioSnapshot } from "./ratio";
import type { ReportsSnapshot } from "./sources";
import type { DevicePoint, LocationInfo, TenantChange } from "./types";

/** A scheduled check as stored: its time and key (a heap entry without anything riding along). */
type Scheduled = [time: number, key: string];

// The engine's whole state as plain JSON data: snapshot → JSON → restore → continue gives exactly what
// never stopping would have. Tuples keep it compact (it is written with every checkpoint).

export const ENGINE_SNAPSHOT_VERSION = 1;

export type DeviceTuple = [
  deviceId: string,
  alias: number,
  reported: string,
  counted: string,
  floor: string,
  x: number | null,
  y: number | null,
  ts: number,
  check: number,
];

export interface EngineSnapshot {
  v: typeof ENGINE_SNAPSHOT_VERSION;
  clock: number;
  nextAlias: number;
  locations: LocationInfo[];
  /** Tombstones of removed locations: [id, removal time]. */
  removed: Array<[string, number]>;
  devices: DeviceTuple[];
  exits: Array<[deviceId: string, ts: number]>;
  reports: Array<[locationId: string, ReportsSnapshot]>;
  activity: Array<[locationId: string, ts: number]>;
  polygons: Array<[zoneId: string, Array<[number, number]>]>;
  /** Learned devices-per-person ratios; absent in checkpoints written before they were learned. */
  ratios?: RatioSnapshot;
  emitted: Array<[locationId: string, key: string, at: number | null]>;
  tenants: TenantChange[];
  checks: { locations: Scheduled[]; next: Array<[string, number]>; devices: Scheduled[]; exits: Scheduled[] };
  /** Changes applied but not drained yet. */
  pending: {
    locations: LocationInfo[];
    removed: string[];
    counts: string[];
    floors: Array<[floorId: string, moved: DevicePoint[], removed: number[]]>;
    tenants: TenantChange[];
  };
}
