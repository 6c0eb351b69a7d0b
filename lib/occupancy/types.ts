export type Source = "camera" | "people" | "wifi";
/** What a number was derived from: one source, several (a parent summing children), or nothing yet. */
export type SourceLabel = Source | "mixed" | null;
export type LocationType = "ROOT" | "CAMPUS" | "BUILDING" | "FLOOR" | "ZONE" | "OTHER";

export interface LocationInfo {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  mapId: string | null;
}

export interface Occupancy {
  count: number;
  source: SourceLabel;
  /** Event time (ms) of the newest input behind this number; null when there is none. */
  at: number | null;
}

/** A device position on a floor: [alias, x feet, y feet]. Aliases are per process and never the Cisco id. */
export type DevicePoint = [alias: number, x: number, y: number];

export interface FloorDelta {
  moved: DevicePoint[];
  removed: number[];
}

export interface Changes {
  locations: LocationInfo[];
  counts: Record<string, Occupancy>;
  floors: Record<string, FloorDelta>;
}
