import { SAMPLE_MS, type TenantWorld } from "./generator";
import { ABSENT, INACTIVE, QUIET } from "./snapshot";
import type { World } from "./world";

// Read-only views of the world for admin routes and tests: the campus with zone geometry (feet on
// the floor map), and who is where at a simulated moment, with the counts the records carry.

export function describeTenant(tw: TenantWorld, now: number) {
  const t = tw.tenant;
  const v = tw.structure.at(now);
  const name = (id: string) => v.node(id)?.name ?? id;
  return {
    index: t.index,
    name: t.name,
    spacesTenantId: t.spacesTenantId,
    partnerTenantId: v.partnerTenantId,
    tenantId: t.tenantId,
    timeZone: t.timeZone,
    publicIp: t.publicIp,
    people: tw.people.length,
    devices: tw.devices.length,
    macFilter: tw.filters.at(now).patterns,
    locations: t.nodes.map((n) => {
      const cur = v.node(n.locationId)!;
      return {
        locationId: n.locationId,
        name: cur.name,
        type: n.kind,
        inferredLocationTypes: n.inferredLocationTypes,
        parentId: cur.parentId,
      };
    }),
    floors: t.floors.map((f) => ({
      locationId: f.locationId,
      name: name(f.locationId),
      buildingId: t.buildings[f.building]!.locationId,
      mapId: f.mapId,
      widthFt: f.widthFt,
      lengthFt: f.lengthFt,
      imageWidth: f.imageWidth,
      imageHeight: f.imageHeight,
      capacity: f.capacity,
      floorCameras: f.cameras.map((c) => t.cameras[c]!.cameraId),
    })),
    zones: t.zones.map((z) => {
      const r = z.rect;
      return {
        locationId: z.locationId,
        name: name(z.locationId),
        kind: z.kind,
        floorId: t.floors[v.zoneFloor[z.index]!]!.locationId,
        capacity: z.capacity,
        rect: { x: r.x, y: r.y, width: r.w, length: r.h },
        polygon: [
          [r.x, r.y],
          [r.x + r.w, r.y],
          [r.x + r.w, r.y + r.h],
          [r.x, r.y + r.h],
        ],
        cameras: z.cameras.map((c) => t.cameras[c]!.cameraId),
        webexDeviceId: z.webex === null ? null : t.webex[z.webex]!.deviceId,
      };
    }),
    cameras: t.cameras.map((c) => ({
      cameraId: c.cameraId,
      cameraZoneId: c.cameraZoneId,
      locationId: c.zone >= 0 ? t.zones[c.zone]!.locationId : t.floors[c.floor]!.locationId,
      rect: { x: c.rect.x, y: c.rect.y, width: c.rect.w, length: c.rect.h },
    })),
    webex: t.webex.map((w) => ({
      deviceId: w.deviceId,
      macAddress: w.macAddress,
      name: w.name,
      zoneId: t.zones[w.zone]!.locationId,
    })),
  };
}

const STATE = ["absent", "active", "quiet", "inactive"];

/**
 * Who is where at a tick, and the counts the records carry. Cameras and Webex devices report what
 * they saw at their last sample, so zone head counts are given for that moment too.
 */
export function occupancyAt(world: World, tenant: number, tick: number) {
  const tw = world.tenants[tenant]!;
  const t = tw.tenant;
  const g = world.generators[tenant]!;
  const sample = g.sample(tick);
  const sampled = g.snapshot(sampleTickOf(world, tick), true);
  const v = tw.structure.at(sampled.ts);
  const zonePeople = new Array<number>(t.zones.length).fill(0);
  for (let i = 0; i < tw.people.length; i++) {
    if (!sampled.present[i]) continue;
    for (const z of v.floorZones[sampled.floor[i]!]!) {
      const r = t.zones[z]!.rect;
      if (sampled.x[i]! >= r.x && sampled.x[i]! < r.x + r.w && sampled.y[i]! >= r.y && sampled.y[i]! < r.y + r.h)
        zonePeople[z]!++;
    }
  }
  const s = g.snapshot(tick, true);
  const c = g.counts(tick);
  const fv = tw.filters.at(s.ts);
  const camSum = (cams: number[]) => (cams.length ? cams.reduce((n, i) => n + sample.cameras[i]!, 0) : null);
  return {
    timestamp: s.ts,
    sampledAt: sampled.ts,
    buildings: t.buildings.map((b) => ({
      locationId: b.locationId,
      people: b.floors.reduce((n, f) => n + c.floorPeople[f]!, 0),
      activeDevices: c.activeDevices[b.index],
      inactiveDevices: c.inactiveDevices[b.index],
      activeUsers: c.users[b.index * 4]! + c.users[b.index * 4 + 1]!,
      inactiveUsers: c.users[b.index * 4 + 2]! + c.users[b.index * 4 + 3]!,
    })),
    floors: t.floors.map((f) => ({
      locationId: f.locationId,
      people: c.floorPeople[f.index],
      devices: c.floorDevices[f.index],
      users: c.floorUsers[f.index],
      camera: camSum(f.cameras),
    })),
    zones: t.zones.map((z) => ({
      locationId: z.locationId,
      people: zonePeople[z.index],
      camera: camSum(z.cameras),
      webex: z.webex === null ? null : sample.webex[z.webex],
    })),
    devices: tw.devices
      .filter((d) => s.dev[d.index] !== ABSENT)
      .map((d) => ({
        deviceId: d.deviceId,
        macAddress: d.macAddress,
        ipv4: d.ipv4,
        type: d.type,
        state: STATE[s.dev[d.index]!],
        filtered: fv.filtered[d.index] === 1,
        sendsLocation: s.dev[d.index] !== QUIET && s.dev[d.index] !== INACTIVE,
        floorId: t.floors[s.floor[d.person]!]!.locationId,
        x: s.x[d.person],
        y: s.y[d.person],
      })),
  };
}

function sampleTickOf(world: World, tick: number): number {
  const ms = world.tickMs;
  return ms >= SAMPLE_MS ? tick : Math.ceil((Math.floor((tick * ms) / SAMPLE_MS) * SAMPLE_MS) / ms);
}
