/** Where a count comes from, highest priority first: Meraki camera, people counters, Wi-Fi users, Wi-Fi devices. */
export type Source = "camera" | "people" | "wifi_users" | "wifi_devices";
export const SOURCES: readonly Source[] = ["camera", "people", "wifi_users", "wifi_devices"];
/** A count's source, or null when nothing current describes the location. */
export type SourceLabel = Source | null;
export type LocationType = "ROOT" | "CAMPUS" | "BUILDING" | "FLOOR" | "ZONE" | "OTHER";

export interface LocationInfo {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  mapId: string | null;
  /** IANA zone Cisco stated for this location (its own or, from presence records, its building's); absent until one is seen. */
  timeZone?: string | null;
}

export interface Occupancy {
  /** People: measured by a people source or estimated (see estimate.ts), rounded. */
  count: number;
  /** The source behind the number; for a roll-up, the one behind most of it (ties go to the higher priority). */
  source: SourceLabel;
  /** True when the number is the sum of child locations, because this one has no current count of its own. */
  rollup: boolean;
  /** True when a roll-up adds up numbers from different sources. */
  mixed: boolean;
  /** Event time (ms) of the newest input behind this number; null when there is none. */
  at: number | null;
  // The evidence behind the number (each absent when it does not apply), so every screen can say what it is.
  /** Wi-Fi devices the people were estimated from (count ≈ devices / ratio). */
  devices?: number;
  /** Devices per person used, to one decimal. */
  ratio?: number;
  /** True when the ratio was learned for this building, false while the default stands in. */
  learned?: boolean;
  /** For a roll-up: how many children (and this location's own devices) were added up, and their kind when they share one. */
  parts?: number;
  partType?: LocationType;
  /** A camera count below the number: the cameras see only part of the people, so it is a lower bound. */
  atLeast?: number;
  /** People counted by cameras or people counters in children that cover part of this location (the rest is estimated). */
  covered?: number;
  /** Nobody here by Wi-Fi: when the last device left (event time). */
  emptySince?: number;
}

/** A device position on a floor: [alias, x feet, y feet]. Aliases are per process and never the Cisco id. */
export type DevicePoint = [alias: number, x: number, y: number];

export interface FloorDelta {
  moved: DevicePoint[];
  removed: number[];
}

/** An APP_ACTIVATION or APP_DE_ACTIVATION seen on the stream. */
export interface TenantChange {
  spacesTenantId: string;
  partnerTenantId: string;
  /** The activation's referenceId when Cisco sends one, else "". */
  referenceId: string;
  state: "activated" | "deactivated";
  /** recordTimestamp of the event. */
  at: number;
}

export interface Changes {
  /** Locations learned or changed (name, type, parent, map), parents before their children. */
  locations: LocationInfo[];
  /** Locations Cisco removed (LOCATION_CHANGE REMOVE), each with everything under it. */
  removedLocations: string[];
  counts: Record<string, Occupancy>;
  /** Device positions per floor, keyed by the floor's location id. */
  floors: Record<string, FloorDelta>;
  tenants: TenantChange[];
  /** Oldest recordTimestamp among the records applied since the last drain (end-to-end latency); absent when none. */
  oldestTs?: number;
  /**
   * Wall-clock epoch ms at which the earliest-read of those records was read off the stream (server-side
   * latency: read → socket write); absent when none came with a read time.
   */
  readAt?: number;
}
