import { hexId } from "./hash";

export interface Room {
  name: string;
  /** Rectangle in feet, origin top-left of the floor, x along width, y along length. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FloorPlan extends LocationNode {
  index: number;
  floorNumber: number;
  mapId: string;
  widthFt: number;
  lengthFt: number;
  imageWidth: number;
  imageHeight: number;
  rooms: Room[];
  /** Meraki cameras cover this floor and report CAMERA_COUNT. */
  hasCamera: boolean;
}

export interface LocationNode {
  locationId: string;
  name: string;
  inferredLocationTypes: string[];
}

export interface Building {
  tenant: { spacesTenantId: string; spacesTenantName: string; partnerTenantId: string; tenantId: number };
  root: LocationNode;
  campus: LocationNode;
  building: LocationNode;
  floors: FloorPlan[];
  timeZone: string;
}

const ROOMS: Room[] = [
  { name: "Open office", x: 8, y: 8, w: 104, h: 60 },
  { name: "Cafe", x: 120, y: 8, w: 72, h: 44 },
  { name: "Meeting A", x: 120, y: 60, w: 34, h: 24 },
  { name: "Meeting B", x: 158, y: 60, w: 34, h: 24 },
  { name: "Lab", x: 8, y: 76, w: 70, h: 36 },
  { name: "Lounge", x: 86, y: 92, w: 106, h: 20 },
];

/** The demo tenant's one building with two floors; ids are stable for a seed. */
export function createBuilding(seed: number): Building {
  const loc = (kind: string, name: string, types: string[]): LocationNode => ({
    locationId: `location-${hexId(8, seed, "location", kind)}`,
    name,
    inferredLocationTypes: types,
  });
  const floors: FloorPlan[] = [1, 2].map((n, index) => ({
    index,
    ...loc(`floor-${n}`, `Floor ${n}`, ["FLOOR"]),
    floorNumber: n,
    mapId: hexId(32, seed, "map", n),
    widthFt: 200,
    lengthFt: 120,
    imageWidth: 1000,
    imageHeight: 600,
    rooms: ROOMS,
    hasCamera: n === 1,
  }));
  return {
    tenant: {
      spacesTenantId: `spaces-tenant-${hexId(8, seed, "tenant")}`,
      spacesTenantName: "Floorpulse Demo",
      partnerTenantId: `floorpulse-demo-${hexId(6, seed, "partner")}`,
      tenantId: 1000 + (seed % 9000),
    },
    root: loc("root", "Root", ["ROOT"]),
    campus: loc("campus", "Demo Campus", ["CAMPUS"]),
    building: loc("building", "HQ", ["NETWORK", "BUILDING"]),
    floors,
    timeZone: "Europe/London",
  };
}

/** The documented Location object: the most specific node with its parent chain up to ROOT. */
export function floorChain(b: Building, floor: FloorPlan): Record<string, unknown> {
  const node = (n: LocationNode, extra: Record<string, unknown>, parent?: Record<string, unknown>) => ({
    locationId: n.locationId,
    name: n.name,
    inferredLocationTypes: n.inferredLocationTypes,
    ...(parent ? { parent } : {}),
    sourceLocationId: "",
    apCount: 0,
    ...extra,
  });
  const root = node(b.root, {});
  const campus = node(b.campus, {}, root);
  const building = node(b.building, {}, campus);
  return node(floor, { floorNumber: floor.floorNumber, apCount: 6 }, building);
}
