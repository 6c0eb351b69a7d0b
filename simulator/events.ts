import type { Camera, Floor, Tenant, Webex } from "./campus";
import { h3 } from "./hash";
import type { Person } from "./people";
import { classification, visitFields, visitIdOf } from "./records";
import type { StructureVersion } from "./structure";

// Payloads of the less frequent event types (Cisco Spaces Firehose Streaming API, "Event Types"). Serialised location chains and devices are
// spliced in as cached JSON.

/** `{` + already-serialised fields + the rest of an object's fields. */
export function splice(raw: Array<[string, string]>, rest: Record<string, unknown>): string {
  const head = raw.map(([k, v]) => `"${k}":${v}`).join(",");
  const tail = JSON.stringify(rest);
  return tail === "{}" ? `{${head}}` : `{${head},${tail.slice(1)}`;
}

export interface PresenceInput {
  v: StructureVersion;
  t: Tenant;
  type: "DEVICE_ENTRY_EVENT" | "DEVICE_ACTIVE_EVENT" | "DEVICE_IN_ACTIVE_EVENT" | "DEVICE_EXIT_EVENT";
  wasInActive: boolean;
  deviceJson: string;
  deviceKey: number;
  person: Person;
  buildingLocationId: string;
  ts: number;
  visitStart: number;
  daysSinceLastVisit: number;
  active: number;
  inactive: number;
  pii: boolean;
}

export function devicePresencePayload(i: PresenceInput): string {
  const exit = i.type === "DEVICE_EXIT_EVENT";
  return splice(
    [
      ["presenceEventType", `"${i.type}"`],
      ["wasInActive", String(i.wasInActive)],
      ["device", i.deviceJson],
      ["location", i.v.chainJson(i.buildingLocationId)],
    ],
    {
      ssid: i.person.role === "guest" ? "Guest" : "Corp",
      rawUserId: i.pii && i.person.hasUserId ? i.person.email : "",
      visitId: visitIdOf(i.deviceKey, i.visitStart),
      daysSinceLastVisit: i.daysSinceLastVisit,
      ...visitFields({ timeZone: i.t.timeZone, entry: i.visitStart, exit: exit ? i.ts : 0 }, i.ts),
      deviceClassification: classification(i.person),
      visitClassification: "",
      activeDevicesCount: i.active,
      inActiveDevicesCount: i.inactive,
    },
  );
}

export interface UserPresenceInput {
  v: StructureVersion;
  t: Tenant;
  type: "USER_ENTRY_EVENT" | "USER_ACTIVE_EVENT" | "USER_IN_ACTIVE_EVENT" | "USER_EXIT_EVENT";
  wasInActive: boolean;
  person: Person;
  deviceIds: string[];
  buildingLocationId: string;
  ts: number;
  visitStart: number;
  /** [active with userId, active without, inactive with, inactive without] at the building. */
  users: [number, number, number, number];
  pii: boolean;
}

export function userPresencePayload(i: UserPresenceInput): string {
  const p = i.person;
  const userId = p.hasUserId ? (i.pii ? p.email : p.userId) : "";
  return splice(
    [
      ["presenceEventType", `"${i.type}"`],
      ["wasInActive", String(i.wasInActive)],
    ],
    {
      user: {
        userId,
        deviceIds: i.deviceIds,
        tags: [],
        mobile: i.pii ? p.mobile : "",
        email: i.pii ? p.email : "",
        gender: "GENDER_NOT_AVAILABLE",
        firstName: i.pii ? p.firstName : "",
        lastName: i.pii ? p.lastName : "",
        postalCode: "",
        attributes: [],
        socialNetworkInfo: [],
      },
      location: i.v.chain(i.buildingLocationId),
      rawUserId: i.pii && p.hasUserId ? p.email : "",
      visitId: visitIdOf(p.key, i.visitStart),
      ...visitFields(
        { timeZone: i.t.timeZone, entry: i.visitStart, exit: i.type === "USER_EXIT_EVENT" ? i.ts : 0 },
        i.ts,
      ),
      activeUsersCount: {
        usersWithUserId: i.users[0],
        usersWithoutUserId: i.users[1],
        totalUsers: i.users[0] + i.users[1],
      },
      inActiveUsersCount: {
        usersWithUserId: i.users[2],
        usersWithoutUserId: i.users[3],
        totalUsers: i.users[2] + i.users[3],
      },
      connection: "CONN_WIRELESS",
    },
  );
}

export function deviceCountPayload(
  v: StructureVersion,
  f: Floor,
  now: { devices: number; users: number },
  before: { devices: number },
  minute: number,
): string {
  const probe = (devices: number, m: number) => devices + Math.round(devices * 0.15) + (h3(f.index, m, 7) % 4);
  const probing = probe(now.devices, minute);
  return splice([["location", v.chainJson(f.locationId)]], {
    associatedCount: now.devices,
    estimatedProbingCount: probing,
    probingRandomizedPercentage: 40 + (h3(f.index, minute, 8) % 200) / 10,
    associatedDelta: now.devices - before.devices,
    probingDelta: probing - probe(before.devices, minute - 1),
    estimatedDensity: Math.round((now.devices / ((f.widthFt * f.lengthFt) / 1000)) * 100) / 100,
    estimatedCapacityPercentage: f.capacity ? Math.round((now.users / f.capacity) * 1000) / 10 : 0,
    userCount: now.users,
    wirelessUserCount: now.users,
    wiredUserCount: 0,
    rfidTagCount: 0,
    bleTagCount: 0,
  });
}

export function cameraCountPayload(v: StructureVersion, locationId: string, count: number, before: number): string {
  return splice([["location", v.chainJson(locationId)]], { count, countDelta: count - before });
}

export function rawCameraCountPayload(v: StructureVersion, cam: Camera, locationId: string, count: number): string {
  return splice([["location", v.chainJson(locationId)]], {
    cameraId: cam.cameraId,
    cameraZoneId: cam.cameraZoneId,
    count,
  });
}

/** Room readings of a Webex device (the fields TP_PEOPLE_COUNT_UPDATE and tpData share). */
export function roomReadings(w: Webex, count: number, ts: number) {
  const h = h3(w.index, Math.floor(ts / 60_000), 9);
  const presence = count > 0;
  return {
    presence,
    peopleCount: count,
    standbyState: presence ? "Off" : "Standby",
    ambientNoise: 28 + (h % 8),
    drynessScore: 3 + (h % 3),
    activeCalls: presence && h % 3 === 0 ? 1 : 0,
    presentationState: presence && h % 4 === 0 ? "LocalPresenting" : "NotPresenting",
    timeStamp: ts,
    airQualityIndex: Math.round((1 + count * 0.15 + (h % 10) / 20) * 100) / 100,
    temperatureInCelsius: Math.round((21 + count * 0.2 + (h % 10) / 10) * 10) / 10,
    humidityInPercentage: 38 + (h % 8),
    soundLevel: presence ? 42 + count * 2 + (h % 5) : 30 + (h % 3),
    ambientLight: presence ? "Bright" : "Dim",
    reverberationTime: 0.4 + (h % 3) / 10,
    closeProximity: presence && h % 2 === 0,
    airQualityStatus: count > 8 ? "Fair" : "Good",
  };
}

export function tpPeopleCountPayload(v: StructureVersion, t: Tenant, w: Webex, count: number, ts: number): string {
  const { presence, peopleCount, ...rest } = roomReadings(w, count, ts);
  return splice(
    [
      ["tpDeviceId", JSON.stringify(w.deviceId)],
      ["location", v.chainJson(t.zones[w.zone]!.locationId)],
    ],
    {
      presence,
      peopleCount,
      ...rest,
      macAddress: w.macAddress,
    },
  );
}

export function iotTelemetryPayload(v: StructureVersion, t: Tenant, w: Webex, count: number, ts: number): string {
  const zone = t.zones[w.zone]!;
  const floor = t.floors[v.zoneFloor[zone.index]!]!;
  const position = {
    xPos: zone.rect.x + zone.rect.w / 2,
    yPos: zone.rect.y + 1,
    latitude: -999.0,
    longitude: -999.0,
    confidenceFactor: 0,
    mapId: floor.mapId,
    locationId: floor.locationId,
    lastLocatedTime: ts,
  };
  return splice([["location", v.chainJson(zone.locationId)]], {
    deviceInfo: {
      deviceType: "IOT_TELE_PRESENCE_DEVICE",
      deviceId: w.deviceId,
      deviceMacAddress: w.macAddress,
      group: [],
      deviceName: w.name,
      firmwareVersion: w.firmwareVersion,
      rawDeviceId: "",
      manufacturer: "Cisco",
      companyId: "",
      serviceUuid: "",
      label: zone.name,
    },
    detectedPosition: position,
    placedPosition: position,
    tpData: roomReadings(w, count, ts),
    deviceRtcTime: ts,
    sequenceNum: Math.floor(ts / 60_000) % 65536,
    maxDetectedRssi: 0,
  });
}
