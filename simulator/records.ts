import { floorChain, type Building, type FloorPlan } from "./building";
import { hexId } from "./hash";
import { personAt, type Person, type PersonState } from "./world";

// Records in the documented Firehose format (shared/spec/firehose-events.md §2 and §4): proto3 JSON,
// camelCase, enums by name, default values present. Written from the spec, never from the app's decoder.

export interface World {
  seed: number;
  tickMs: number;
  building: Building;
  people: Person[];
}

export type FirehoseRecord = Record<string, unknown> & { recordUid: string; recordTimestamp: number; eventType: string };

const LOCATION_UPDATE_EVERY_TICKS = 2;

export function statesAt(world: World, tick: number): PersonState[] {
  return world.people.map((p) => personAt(world.seed, world.building, p, tick));
}

/** Every record the world emits during one tick, given the states of this tick and the previous one. */
export function recordsForTick(world: World, tick: number, now: PersonState[], before: PersonState[]): FirehoseRecord[] {
  const ts = tick * world.tickMs;
  const out: FirehoseRecord[] = [];
  const envelope = (eventType: string, key: string, discriminator: string | number, payload: unknown): FirehoseRecord => ({
    recordUid: `event-${hexId(16, world.seed, tick, eventType, discriminator)}`,
    recordTimestamp: ts,
    spacesTenantId: world.building.tenant.spacesTenantId,
    spacesTenantName: world.building.tenant.spacesTenantName,
    partnerTenantId: world.building.tenant.partnerTenantId,
    eventType,
    [key]: payload,
  });
  const activeOn = (floor: FloorPlan) => now.filter((s) => s.present && s.person.deviceId && s.floor === floor).length;

  for (let i = 0; i < now.length; i++) {
    const s = now[i]!;
    const prev = before[i]!;
    const p = s.person;
    if (!p.deviceId) continue;
    if (s.present && !prev.present) {
      out.push(envelope("DEVICE_PRESENCE", "devicePresence", p.index, presence(world, "DEVICE_ENTRY_EVENT", s, ts, activeOn(s.floor))));
    } else if (!s.present && prev.present) {
      out.push(envelope("DEVICE_PRESENCE", "devicePresence", p.index, presence(world, "DEVICE_EXIT_EVENT", prev, ts, activeOn(prev.floor))));
    }
    if (s.present && (tick + p.index) % LOCATION_UPDATE_EVERY_TICKS === 0) {
      out.push(envelope("DEVICE_LOCATION_UPDATE", "deviceLocationUpdate", p.index, locationUpdate(world, s, ts)));
    }
  }

  for (const floor of world.building.floors) {
    if (!floor.hasCamera) continue;
    const count = now.filter((s) => s.present && s.floor === floor).length;
    const previous = before.filter((s) => s.present && s.floor === floor).length;
    if (count !== previous) {
      out.push(
        envelope("CAMERA_COUNT", "cameraCounts", floor.locationId, {
          location: floorChain(world.building, floor),
          count,
          countDelta: count - previous,
        }),
      );
    }
  }
  return out;
}

export function keepAlive(world: World, nowMs: number): FirehoseRecord {
  return {
    recordUid: `event-${hexId(16, world.seed, "keepalive", nowMs)}`,
    recordTimestamp: nowMs,
    spacesTenantId: "",
    spacesTenantName: "",
    partnerTenantId: "",
    eventType: "KEEP_ALIVE",
  };
}

function device(s: PersonState) {
  const p = s.person;
  return {
    deviceId: p.deviceId,
    userId: "",
    tags: [],
    mobile: "",
    email: "",
    gender: "GENDER_NOT_AVAILABLE",
    firstName: "",
    lastName: "",
    postalCode: "",
    optIns: [],
    attributes: [],
    macAddress: p.macAddress,
    manufacturer: p.index % 2 ? "Apple" : "Samsung",
    os: p.index % 2 ? "iOS" : "Android",
    osVersion: "",
    type: "MOBILE",
    socialNetworkInfo: [],
    deviceModel: "",
  };
}

function visitId(s: PersonState): string {
  return `visit-${s.person.index}${s.visit}`;
}

function locationUpdate(world: World, s: PersonState, ts: number) {
  return {
    device: device(s),
    location: floorChain(world.building, s.floor),
    ssid: "Corp",
    rawUserId: "",
    visitId: visitId(s),
    lastSeen: ts,
    deviceClassification: "",
    mapId: s.floor.mapId,
    xPos: s.x,
    yPos: s.y,
    confidenceFactor: 16,
    latitude: -999.0,
    longitude: -999.0,
    unc: 0.0,
    maxDetectedRssi: -58 - (s.person.index % 20),
    ipv4: `10.20.${s.floor.floorNumber}.${10 + (s.person.index % 240)}`,
    ipv6: [],
  };
}

function presence(world: World, type: string, s: PersonState, ts: number, active: number) {
  const exit = type === "DEVICE_EXIT_EVENT";
  return {
    presenceEventType: type,
    wasInActive: false,
    device: device(s),
    location: floorChain(world.building, s.floor),
    ssid: "Corp",
    rawUserId: "",
    visitId: visitId(s),
    daysSinceLastVisit: 0,
    entryTimestamp: exit ? 0 : ts,
    entryDateTime: "",
    exitTimestamp: exit ? ts : 0,
    exitDateTime: "",
    visitDurationMinutes: 0,
    timeZone: world.building.timeZone,
    deviceClassification: "",
    visitClassification: "",
    activeDevicesCount: active,
    inActiveDevicesCount: 0,
  };
}
