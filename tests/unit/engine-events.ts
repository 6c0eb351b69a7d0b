import type { FirehoseEvent, InfoType, LocationChangeKind, LocationNode, Presence } from "@/lib/firehose/decode";

// Decoded events for the engine tests, on one small estate:
//   root ─ campus ─ b (building) ─ f1 (floor) ─ z1, z2 (zones)
//                  │              └ f2 (floor)
//                  └ b2 (building) ─ f3 (floor)

const tree: Record<string, [types: string[], parent: string | null]> = {
  root: [["ROOT"], null],
  campus: [["CAMPUS"], "root"],
  b: [["NETWORK", "BUILDING"], "campus"],
  b2: [["BUILDING"], "campus"],
  f1: [["FLOOR"], "b"],
  f2: [["FLOOR"], "b"],
  f3: [["FLOOR"], "b2"],
  z1: [["ZONE"], "f1"],
  z2: [["ZONE"], "f1"],
};

export const node = (locationId: string, types: string[], parentId: string | null): LocationNode => ({
  locationId,
  name: locationId,
  inferredLocationTypes: types,
  parentId,
});

/** The parent chain of a location of the estate, most specific first (as Cisco sends it). */
export function chainOf(id: string): LocationNode[] {
  const out: LocationNode[] = [];
  for (let cur: string | null = id; cur; cur = tree[cur]![1]) out.push(node(cur, tree[cur]![0], tree[cur]![1]));
  return out;
}

let uid = 0;
const env = (ts: number) => ({
  uid: `event-${++uid}`,
  ts,
  spacesTenantId: "spaces-tenant-1",
  partnerTenantId: "partner-1",
});

export const located = (deviceId: string, at: string, ts: number, x = 1, y = 2): FirehoseEvent => ({
  ...env(ts),
  type: "DEVICE_LOCATION_UPDATE",
  chain: chainOf(at),
  deviceId,
  mapId: `map-${at}`,
  x,
  y,
});
export const presence = (
  deviceId: string,
  at: string,
  step: Presence,
  ts: number,
  activeDevices: number | null = null,
  inactiveDevices: number | null = null,
): FirehoseEvent => ({
  ...env(ts),
  type: "DEVICE_PRESENCE",
  chain: chainOf(at),
  deviceId,
  presence: step,
  activeDevices,
  inactiveDevices,
});
export const entry = (deviceId: string, at: string, ts: number): FirehoseEvent => ({
  ...env(ts),
  type: "DEVICE_ENTRY",
  chain: chainOf(at),
  deviceId,
});
export const exit = (deviceId: string, at: string, ts: number): FirehoseEvent => ({
  ...env(ts),
  type: "DEVICE_EXIT",
  chain: chainOf(at),
  deviceId,
});
export const users = (
  at: string,
  n: number,
  ts: number,
  step: Presence = "active",
  inactiveUsers: number | null = null,
): FirehoseEvent => ({
  ...env(ts),
  type: "USER_PRESENCE",
  chain: chainOf(at),
  presence: step,
  activeUsers: n,
  inactiveUsers,
});
export const deviceCount = (at: string, n: number, ts: number, users: number | null = null): FirehoseEvent => ({
  ...env(ts),
  type: "DEVICE_COUNT",
  chain: chainOf(at),
  associated: n,
  users,
});
export const camera = (at: string, n: number, ts: number): FirehoseEvent => ({
  ...env(ts),
  type: "CAMERA_COUNT",
  chain: chainOf(at),
  count: n,
});
export const rawCamera = (at: string, cameraId: string, n: number, ts: number, zoneId = ""): FirehoseEvent => ({
  ...env(ts),
  type: "RAW_CAMERA_COUNT",
  chain: chainOf(at),
  cameraId,
  zoneId,
  count: n,
});
export const people = (
  at: string,
  reporter: string,
  n: number | null,
  ts: number,
  type: "TP_PEOPLE_COUNT_UPDATE" | "WEBEX_TELEMETRY" | "SPACE_OCCUPANCY" | "IOT_TELEMETRY" = "TP_PEOPLE_COUNT_UPDATE",
): FirehoseEvent => ({ ...env(ts), type, chain: chainOf(at), reporter, people: n });
export const change = (kind: LocationChangeKind, chain: LocationNode[], ts: number, mapId = ""): FirehoseEvent => ({
  ...env(ts),
  type: "LOCATION_CHANGE",
  chain,
  change: kind,
  mapId,
  timeZone: "",
  dimension: null,
});
export const tenant = (
  type: "APP_ACTIVATION" | "APP_DE_ACTIVATION",
  ts: number,
  spacesTenantId = "spaces-tenant-1",
): FirehoseEvent => ({
  ...env(ts),
  type,
  tenant: { spacesTenantId, partnerTenantId: "partner-1", referenceId: "" },
});
export const info = (type: InfoType, at: string | null, ts: number): FirehoseEvent => ({
  ...env(ts),
  type,
  chain: at ? chainOf(at) : null,
});
export const keepAlive = (ts: number): FirehoseEvent => ({ ...env(ts), type: "KEEP_ALIVE" });

export const MIN = 60_000;
