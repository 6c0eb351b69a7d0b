import type { LocNode, Tenant } from "./campus";
import { createVersions } from "./versions";

// The location hierarchy as it stands at a moment. Admin renames and moves (and the partner tenant id
// an OAuth activation maps) start a new version from that moment on, so a replay of earlier time
// still shows the names of that time. Serialised chains are cached per version: they are the
// largest part of most records.

export interface StructureVersion {
  id: number;
  /** Simulated time this version starts at. */
  from: number;
  partnerTenantId: string;
  /** Current floor of each zone (zones can be moved between floors). */
  zoneFloor: Int32Array;
  /** Zones on each floor now. */
  floorZones: number[][];
  /** Cameras counting on each floor now (floor-level cameras and those of zones on it). */
  floorCameras: number[][];
  /** Webex devices on each floor now. */
  floorWebex: number[][];
  node(locationId: string): LocNode | undefined;
  /** The documented Location object: this node and its parent chain up to ROOT. */
  chain(locationId: string): Record<string, unknown>;
  chainJson(locationId: string): string;
  /** `,"spacesTenantId":…,"eventType":"T","key":` for one event type (the envelope after the timestamp). */
  mid(eventType: string, payloadKey: string): string;
}

export interface Overrides {
  names: Map<string, string>;
  zoneParents: Map<number, number>;
  partnerTenantId: string;
}

export function buildVersion(t: Tenant, id: number, from: number, o: Overrides): StructureVersion {
  const nodes = new Map<string, LocNode>();
  for (const n of t.nodes) nodes.set(n.locationId, { ...n, name: o.names.get(n.locationId) ?? n.name });
  const zoneFloor = new Int32Array(t.zones.length);
  const floorZones: number[][] = t.floors.map(() => []);
  for (const z of t.zones) {
    const f = o.zoneParents.get(z.index) ?? z.floor;
    zoneFloor[z.index] = f;
    floorZones[f]!.push(z.index);
    nodes.get(z.locationId)!.parentId = t.floors[f]!.locationId;
  }
  const floorCameras = t.floors.map((f) => [...f.cameras, ...floorZones[f.index]!.flatMap((z) => t.zones[z]!.cameras)]);
  const floorWebex = t.floors.map((f) =>
    floorZones[f.index]!.flatMap((z) => (t.zones[z]!.webex === null ? [] : [t.zones[z]!.webex!])),
  );
  const chains = new Map<string, Record<string, unknown>>();
  const chainJsons = new Map<string, string>();
  const mids = new Map<string, string>();

  const chain = (locationId: string): Record<string, unknown> => {
    const hit = chains.get(locationId);
    if (hit) return hit;
    const n = nodes.get(locationId);
    if (!n) throw new Error(`unknown location ${locationId}`);
    const obj: Record<string, unknown> = {
      locationId: n.locationId,
      name: n.name,
      inferredLocationTypes: n.inferredLocationTypes,
    };
    if (n.parentId) obj.parent = chain(n.parentId);
    // The real sample record carries no floorNumber, so neither do we.
    obj.sourceLocationId = "";
    obj.apCount = n.apCount;
    chains.set(locationId, obj);
    return obj;
  };

  // Fixed with the version: the overrides change later (an OAuth activation renames the tenant), and
  // records of this version, built lazily, must still carry the id they had at their time.
  const partnerTenantId = o.partnerTenantId;
  return {
    id,
    from,
    partnerTenantId,
    zoneFloor,
    floorZones,
    floorCameras,
    floorWebex,
    node: (locationId) => nodes.get(locationId),
    chain,
    chainJson(locationId) {
      let s = chainJsons.get(locationId);
      if (s === undefined) chainJsons.set(locationId, (s = JSON.stringify(chain(locationId))));
      return s;
    },
    mid(eventType, payloadKey) {
      const k = `${eventType}|${payloadKey}`;
      let s = mids.get(k);
      if (s === undefined) {
        s =
          `,"spacesTenantId":${JSON.stringify(t.spacesTenantId)},"spacesTenantName":${JSON.stringify(t.name)}` +
          `,"partnerTenantId":${JSON.stringify(partnerTenantId)},"eventType":${JSON.stringify(eventType)}` +
          (payloadKey ? `,${JSON.stringify(payloadKey)}:` : "");
        mids.set(k, s);
      }
      return s;
    },
  };
}

/** The versions of one tenant's hierarchy over time. */
export interface StructureTimeline {
  at(ts: number): StructureVersion;
  current(): StructureVersion;
  /** Applies a change from simulated time `from` on; returns the new version. */
  change(from: number, edit: (o: Overrides) => void): StructureVersion;
}

let nextVersionId = 1;

export function createStructureTimeline(t: Tenant): StructureTimeline {
  const overrides: Overrides = { names: new Map(), zoneParents: new Map(), partnerTenantId: t.partnerTenantId };
  const versions = createVersions(buildVersion(t, nextVersionId++, -Infinity, overrides));
  return {
    at: versions.at,
    current: versions.current,
    change(from, edit) {
      edit(overrides);
      return versions.add(buildVersion(t, nextVersionId++, from, overrides));
    },
  };
}
