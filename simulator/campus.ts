import { alnumId, hexId } from "./hash";
import { ANNEX, BRANCH, HQ, type BuildingPlan, type Rect, type ZoneKind } from "./layouts";

// The static campus of each simulated tenant: location ids, maps, cameras and Webex devices.
// Ids are stable for a seed (tenant 0's HQ keeps the ids of the first simulator version).

export const PIXELS_PER_FOOT = 5;

/** How buildings are typed: ["NETWORK", "BUILDING"], or ["NETWORK"] alone as in the guide's sample hierarchy. */
export type BuildingTyping = "building" | "network";
export const BUILDING_TYPINGS: readonly BuildingTyping[] = ["building", "network"];

export interface LocNode {
  locationId: string;
  name: string;
  inferredLocationTypes: string[];
  parentId: string | null;
  kind: "ROOT" | "CAMPUS" | "BUILDING" | "FLOOR" | "ZONE";
  floorNumber?: number;
  apCount: number;
}

export interface Camera {
  index: number;
  cameraId: string;
  cameraZoneId: string;
  /** Coverage in feet on its floor. */
  rect: Rect;
  /** The zone it belongs to, or -1 for a floor-level camera. */
  zone: number;
  floor: number;
}

export interface Webex {
  index: number;
  deviceId: string;
  macAddress: string;
  name: string;
  firmwareVersion: string;
  zone: number;
}

export interface Zone {
  index: number;
  locationId: string;
  name: string;
  kind: ZoneKind;
  rect: Rect;
  floor: number;
  capacity: number;
  cameras: number[];
  webex: number | null;
}

export interface Floor {
  index: number;
  locationId: string;
  name: string;
  building: number;
  floorNumber: number;
  mapId: string;
  widthFt: number;
  lengthFt: number;
  imageWidth: number;
  imageHeight: number;
  zones: number[];
  core: Rect;
  stairs: { x: number; y: number };
  /** Floor-level cameras (empty: no floor-level people count). */
  cameras: number[];
  capacity: number;
}

export interface Building {
  index: number;
  locationId: string;
  name: string;
  floors: number[];
}

export interface Tenant {
  index: number;
  name: string;
  spacesTenantId: string;
  partnerTenantId: string;
  tenantId: number;
  timeZone: string;
  city: string;
  country: string;
  /** The site's public address, as Devices Lookup's remoteIP. */
  publicIp: string;
  root: LocNode;
  campus: LocNode;
  buildings: Building[];
  floors: Floor[];
  zones: Zone[];
  cameras: Camera[];
  webex: Webex[];
  /** Every location, parents before children. */
  nodes: LocNode[];
}

interface TenantSpec {
  name: string;
  campus: string;
  timeZone: string;
  city: string;
  country: string;
  buildings: BuildingPlan[];
}

/** The tenants' campuses; a named world (simulator/worlds.ts) may give the first tenant its own buildings and zone. */
export function tenantSpecs(buildings: number, own?: { plans?: BuildingPlan[]; timeZone?: string }): TenantSpec[] {
  const timeZone = own?.timeZone ?? "Europe/London";
  const city = timeZone === "Europe/London" ? "London" : timeZone.split("/").pop()!.replace(/_/g, " ");
  return [
    {
      name: "Floorpulse Demo",
      campus: "Demo Campus",
      timeZone,
      city,
      country: timeZone === "Europe/London" ? "GB" : "US",
      buildings: own?.plans ?? (buildings > 1 ? [HQ, ANNEX] : [HQ]),
    },
    {
      name: "Floorpulse Branch",
      campus: "Branch Campus",
      timeZone: "America/New_York",
      city: "New York",
      country: "US",
      buildings: [BRANCH],
    },
    // A third customer on the same partner key (multi-tenant tests: one that never activates the app).
    {
      name: "Floorpulse Outlet",
      campus: "Outlet Campus",
      timeZone: "Europe/Berlin",
      city: "Berlin",
      country: "DE",
      buildings: [BRANCH],
    },
  ];
}

/** A location node of the tenant, its id derived from the seed and `kind`. */
type MakeNode = (
  kind: string,
  name: string,
  types: string[],
  k: LocNode["kind"],
  parentId: string | null,
  apCount: number,
) => LocNode;

export function createTenant(
  seed: number,
  index: number,
  spec: TenantSpec,
  typing: BuildingTyping = "building",
): Tenant {
  // Tenant 0 keeps the first version's id scheme so a stored demo activation still matches.
  const tag = (kind: string) => (index === 0 ? [seed, "location", kind] : [seed, "location", index, kind]);
  const locId = (kind: string) => `location-${hexId(8, ...tag(kind))}`;
  const node: MakeNode = (kind, name, types, k, parentId, apCount) => ({
    locationId: locId(kind),
    name,
    inferredLocationTypes: types,
    parentId,
    kind: k,
    apCount,
  });
  const root = node("root", "Root", ["ROOT"], "ROOT", null, 0);
  const campus = node("campus", spec.campus, ["CAMPUS"], "CAMPUS", root.locationId, 0);
  const t: Tenant = {
    index,
    name: spec.name,
    spacesTenantId: `spaces-tenant-${index === 0 ? hexId(8, seed, "tenant") : hexId(8, seed, "tenant", index)}`,
    partnerTenantId:
      index === 0
        ? `floorpulse-demo-${hexId(6, seed, "partner")}`
        : `floorpulse-branch-${hexId(6, seed, "partner", index)}`,
    tenantId: 1000 + (seed % 9000) + index * 10_000,
    timeZone: spec.timeZone,
    city: spec.city,
    country: spec.country,
    publicIp: `203.0.113.${10 + index}`,
    root,
    campus,
    buildings: [],
    floors: [],
    zones: [],
    cameras: [],
    webex: [],
    nodes: [root, campus],
  };
  for (const plan of spec.buildings)
    addBuilding(seed, t, plan, locId, node, typing === "network" ? ["NETWORK"] : ["NETWORK", "BUILDING"]);
  return t;
}

function addBuilding(
  seed: number,
  t: Tenant,
  plan: BuildingPlan,
  locId: (kind: string) => string,
  node: MakeNode,
  buildingTypes: string[],
) {
  const addNode: MakeNode = (...args) => {
    const n = node(...args);
    t.nodes.push(n);
    return n;
  };
  const bNode = addNode(plan.key, plan.name, buildingTypes, "BUILDING", t.campus.locationId, 0);
  const building = append(t.buildings, { locationId: bNode.locationId, name: plan.name, floors: [] });
  const hq = plan === HQ;
  for (const fp of plan.floors) {
    const fKind = hq ? `floor-${fp.floorNumber}` : `${plan.key}-floor-${fp.floorNumber}`;
    const fNode = addNode(
      fKind,
      fp.name,
      ["FLOOR"],
      "FLOOR",
      bNode.locationId,
      Math.round((fp.widthFt * fp.lengthFt) / 4000),
    );
    fNode.floorNumber = fp.floorNumber;
    bNode.apCount += fNode.apCount;
    const floor = append(t.floors, {
      locationId: fNode.locationId,
      name: fp.name,
      building: building.index,
      floorNumber: fp.floorNumber,
      mapId: t.index === 0 && hq ? hexId(32, seed, "map", fp.floorNumber) : hexId(32, seed, "map", t.index, fKind),
      widthFt: fp.widthFt,
      lengthFt: fp.lengthFt,
      imageWidth: fp.widthFt * PIXELS_PER_FOOT,
      imageHeight: fp.lengthFt * PIXELS_PER_FOOT,
      zones: [],
      core: fp.core,
      stairs: { x: fp.core.x + 8, y: fp.core.y + fp.core.h / 2 },
      cameras: [],
      capacity: fp.zones.reduce((s, zp) => s + zp.capacity, 0),
    });
    building.floors.push(floor.index);
    floor.cameras = addCameras(
      seed,
      t,
      { x: 0, y: 0, w: fp.widthFt, h: fp.lengthFt },
      fp.floorCameras,
      -1,
      floor.index,
    );
    for (const zp of fp.zones) {
      const zKind = `${fKind}-zone-${zp.name}`;
      const zNode = addNode(zKind, zp.name, ["ZONE"], "ZONE", fNode.locationId, 1);
      const zone = append(t.zones, {
        locationId: zNode.locationId,
        name: zp.name,
        kind: zp.kind,
        rect: zp.rect,
        floor: floor.index,
        capacity: zp.capacity,
        cameras: [],
        webex: null,
      });
      floor.zones.push(zone.index);
      zone.cameras = addCameras(seed, t, zp.rect, zp.cameras, zone.index, floor.index);
      if (zp.webex) {
        const mac = `08:96:ad:${hexId(6, seed, "webex", t.index, zKind).match(/../g)!.join(":")}`;
        zone.webex = append(t.webex, {
          deviceId: mac,
          macAddress: mac,
          name: `Room Bar - ${zp.name}`,
          firmwareVersion: "RoomOS 11.14.1.5",
          zone: zone.index,
        }).index;
      }
    }
  }
}

/** Adds a record to its list, numbered by its place there (records refer to each other by that number). */
function append<T extends { index: number }>(list: T[], record: Omit<T, "index">): T {
  const numbered = { index: list.length, ...record } as T;
  list.push(numbered);
  return numbered;
}

function addCameras(seed: number, t: Tenant, area: Rect, count: number, zone: number, floor: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const w = area.w / count;
    const key = `${t.index}|${floor}|${zone}|${i}`;
    const serial = alnumId(12, seed, "camera", key).toUpperCase();
    const cam = append(t.cameras, {
      cameraId: `Q2${serial.slice(0, 2)}-${serial.slice(2, 6)}-${serial.slice(6, 10)}`,
      cameraZoneId: String(BigInt(`0x${hexId(14, seed, "camera-zone", key)}`)),
      rect: { x: area.x + i * w, y: area.y, w, h: area.h },
      zone,
      floor,
    });
    out.push(cam.index);
  }
  return out;
}
