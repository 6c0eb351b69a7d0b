import { localDateTime } from "./clock";
import { h2, h5, hex8 } from "./hash";
import { deviceObject, type Device, type Person } from "./people";
import type { StructureVersion } from "./structure";

// Firehose records in the documented format (Cisco Spaces Firehose Streaming API, EventRecord and the
// payloads of "Event Types"; docs/cisco-spaces.md, "Event records"): proto3 JSON,
// camelCase, enums by name, default values present. Written from the spec, never from the app's
// decoder. The hot record (DEVICE_LOCATION_UPDATE) is written as bytes by location-update.ts.

/** eventType → payload key (Cisco Spaces Firehose Streaming API, EventRecord). */
export const PAYLOAD_KEY = {
  DEVICE_LOCATION_UPDATE: "deviceLocationUpdate",
  DEVICE_PRESENCE: "devicePresence",
  USER_PRESENCE: "userPresence",
  DEVICE_COUNT: "deviceCounts",
  CAMERA_COUNT: "cameraCounts",
  RAW_CAMERA_COUNT: "rawCameraCounts",
  IOT_TELEMETRY: "iotTelemetry",
  TP_PEOPLE_COUNT_UPDATE: "tpPeopleCountUpdate",
  LOCATION_CHANGE: "locationHierarchyChange",
  APP_ACTIVATION: "appActivation",
  // The spec knows APP_DE_ACTIVATION only as an enum name; its payload key is our inference.
  APP_DE_ACTIVATION: "appDeActivation",
} as const;

export type EventType = keyof typeof PAYLOAD_KEY | "KEEP_ALIVE";

const TYPE_CODE: Record<string, number> = {
  DEVICE_LOCATION_UPDATE: 1,
  DEVICE_PRESENCE: 2,
  USER_PRESENCE: 3,
  DEVICE_COUNT: 4,
  CAMERA_COUNT: 5,
  RAW_CAMERA_COUNT: 6,
  IOT_TELEMETRY: 7,
  TP_PEOPLE_COUNT_UPDATE: 8,
};

/** `event-` + 16 hex digits, unique per (seed, tenant, tick, type, subject). */
export function recordUid(tenantKey: number, tick: number, eventType: string, subject: number): string {
  const lo = tick >>> 0;
  const hi = Math.floor(tick / 4294967296);
  const what = ((TYPE_CODE[eventType] ?? 15) << 24) | (subject & 0xffffff);
  return `event-${hex8(h5(tenantKey, lo, hi, what, 1))}${hex8(h5(tenantKey, lo, hi, what, 2))}`;
}

/** A whole record line: envelope + payload (an object, or JSON already serialised). */
export function record(v: StructureVersion, uid: string, ts: number, eventType: string, payload: unknown): string {
  const key = (PAYLOAD_KEY as Record<string, string>)[eventType] ?? "";
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return `{"recordUid":"${uid}","recordTimestamp":${ts}${v.mid(eventType, key)}${body}}`;
}

export function keepAliveLine(uid: string, ts: number): string {
  return `{"recordUid":"${uid}","recordTimestamp":${ts},"spacesTenantId":"","spacesTenantName":"","partnerTenantId":"","eventType":"KEEP_ALIVE"}`;
}

export function classification(p: Person): string {
  return p.role === "guest" ? "GUEST" : p.role === "security" || p.role === "cleaner" ? "CONTRACTOR" : "EMPLOYEE";
}

export function visitIdOf(key: number, visitStart: number): string {
  return `visit-${h2(key, Math.floor(visitStart / 1000))}`;
}

/** Serialised Device objects, built once per device. */
export function deviceJsonCache(devices: Device[], people: Person[], pii: boolean): string[] {
  return devices.map((d) => JSON.stringify(deviceObject(d, people[d.person]!, pii)));
}

export interface VisitTimes {
  timeZone: string;
  entry: number;
  exit: number;
}

/** The entry/exit block shared by DEVICE_PRESENCE and USER_PRESENCE. */
export function visitFields(t: VisitTimes, now: number) {
  return {
    entryTimestamp: t.entry,
    entryDateTime: localDateTime(t.timeZone, t.entry),
    exitTimestamp: t.exit,
    exitDateTime: t.exit ? localDateTime(t.timeZone, t.exit) : "",
    visitDurationMinutes: Math.max(0, Math.floor(((t.exit || now) - t.entry) / 60_000)),
    timeZone: t.timeZone,
  };
}
