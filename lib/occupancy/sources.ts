import type { Source } from "./types";

// What Cisco reported about one location as a whole, each source kept apart with its own event time,
// each only while it is fresh (estimate.ts turns them into people). Pure data and functions, so the engine can snapshot and restore it.

export interface Reading {
  count: number;
  ts: number;
}

export interface Reports {
  /** CAMERA_COUNT: Meraki's aggregate for the location. */
  camera?: Reading;
  /** RAW_CAMERA_COUNT per camera and camera zone, summed when there is no aggregate. */
  rawCameras?: Map<string, Reading>;
  /** People counts per reporting device or space (Webex, TelePresence, IoT tpData, SPACE_OCCUPANCY). */
  people?: Map<string, Reading>;
  /** USER_PRESENCE activeUsersCount.totalUsers. */
  users?: Reading;
  /** DEVICE_COUNT associatedCount or DEVICE_PRESENCE activeDevicesCount, whichever is newer. */
  devices?: Reading;
  /** Active and inactive together (DEVICE_PRESENCE, USER_PRESENCE): only to learn devices per person. */
  allDevices?: Reading;
  allUsers?: Reading;
}

export type Slot = "camera" | "users" | "devices" | "allDevices" | "allUsers";
export type Keyed = "rawCameras" | "people";

/** Stores a reading unless a newer one is already held (late deliveries never roll a count back). */
export function recordSlot(r: Reports, slot: Slot, count: number, ts: number): boolean {
  const prev = r[slot];
  if (prev && prev.ts > ts) return false;
  r[slot] = { count, ts };
  return true;
}

export function recordKeyed(r: Reports, kind: Keyed, key: string, count: number, ts: number): boolean {
  let map = r[kind];
  if (!map) r[kind] = map = new Map();
  const prev = map.get(key);
  if (prev && prev.ts > ts) return false;
  map.set(key, { count, ts });
  return true;
}

const isFresh = (x: Reading | undefined, clock: number, freshMs: number): x is Reading =>
  x !== undefined && clock - x.ts <= freshMs;

export interface Fresh {
  /** Meraki cameras: the aggregate, else cameras and camera zones summed (they cover separate areas). */
  camera?: Reading;
  /** People counters watching one room: the largest (several watch the same people). */
  people?: Reading;
  users?: Reading;
  devices?: Reading;
}

/** Each source's current reading at the location, apart; the engine decides how they combine. */
export function freshReadings(r: Reports, clock: number, freshMs: number): Fresh {
  const out: Fresh = {};
  if (isFresh(r.camera, clock, freshMs)) out.camera = r.camera;
  else {
    const raw = combine(r.rawCameras, clock, freshMs, (a, b) => a + b);
    if (raw) out.camera = { count: raw.count, ts: raw.at };
  }
  const people = combine(r.people, clock, freshMs, Math.max);
  if (people) out.people = { count: people.count, ts: people.at };
  if (isFresh(r.users, clock, freshMs)) out.users = r.users;
  if (isFresh(r.devices, clock, freshMs)) out.devices = r.devices;
  return out;
}

function combine(
  map: Map<string, Reading> | undefined,
  clock: number,
  freshMs: number,
  op: (a: number, b: number) => number,
) {
  if (!map) return null;
  let out: { count: number; at: number } | null = null;
  for (const x of map.values()) {
    if (!isFresh(x, clock, freshMs)) continue;
    if (out) {
      out.count = op(out.count, x.count);
      out.at = Math.max(out.at, x.ts);
    } else out = { count: x.count, at: x.ts };
  }
  return out;
}

function* readings(r: Reports): Generator<Reading> {
  if (r.camera) yield r.camera;
  if (r.users) yield r.users;
  if (r.devices) yield r.devices;
  if (r.allDevices) yield r.allDevices;
  if (r.allUsers) yield r.allUsers;
  if (r.rawCameras) yield* r.rawCameras.values();
  if (r.people) yield* r.people.values();
}

/** When the next fresh reading goes stale (the moment the choice may change); null when none is fresh. */
export function nextExpiry(r: Reports, clock: number, freshMs: number): number | null {
  let next: number | null = null;
  for (const x of readings(r)) {
    const at = x.ts + freshMs;
    if (at >= clock && (next === null || at < next)) next = at;
  }
  return next;
}

/** Drops stale readings (they can never count again: anything older is refused). True when none is left. */
export function pruneReports(r: Reports, clock: number, freshMs: number): boolean {
  for (const slot of ["camera", "users", "devices", "allDevices", "allUsers"] as const)
    if (r[slot] && !isFresh(r[slot], clock, freshMs)) delete r[slot];
  for (const kind of ["rawCameras", "people"] as const) {
    const map = r[kind];
    if (!map) continue;
    for (const [k, x] of map) if (!isFresh(x, clock, freshMs)) map.delete(k);
    if (!map.size) delete r[kind];
  }
  return !r.camera && !r.users && !r.devices && !r.allDevices && !r.allUsers && !r.rawCameras && !r.people;
}

type Pair = [count: number, ts: number];
type Triple = [key: string, count: number, ts: number];
export interface ReportsSnapshot {
  c?: Pair;
  r?: Triple[];
  p?: Triple[];
  u?: Pair;
  d?: Pair;
  D?: Pair;
  U?: Pair;
}

const pair = (x: Reading | undefined): Pair | undefined => (x ? [x.count, x.ts] : undefined);
const triples = (m: Map<string, Reading> | undefined): Triple[] | undefined =>
  m ? [...m].map(([k, x]) => [k, x.count, x.ts]) : undefined;
const reading = (p: Pair | undefined): Reading | undefined => (p ? { count: p[0], ts: p[1] } : undefined);
const map = (t: Triple[] | undefined) => (t ? new Map(t.map(([k, count, ts]) => [k, { count, ts }])) : undefined);

// Snapshot keys are one letter each: a snapshot holds every location's reports.
const SLOT_KEYS: Record<Slot, "c" | "u" | "d" | "D" | "U"> = {
  camera: "c",
  users: "u",
  devices: "d",
  allDevices: "D",
  allUsers: "U",
};
const KEYED_KEYS: Record<Keyed, "r" | "p"> = { rawCameras: "r", people: "p" };
const slots = Object.entries(SLOT_KEYS) as [Slot, (typeof SLOT_KEYS)[Slot]][];
const keyed = Object.entries(KEYED_KEYS) as [Keyed, (typeof KEYED_KEYS)[Keyed]][];

export function reportsToJSON(r: Reports): ReportsSnapshot {
  const out: ReportsSnapshot = {};
  for (const [slot, k] of slots) if (r[slot]) out[k] = pair(r[slot]);
  for (const [kind, k] of keyed) if (r[kind]) out[k] = triples(r[kind]);
  return out;
}

export function reportsFromJSON(s: ReportsSnapshot): Reports {
  const out: Reports = {};
  for (const [slot, k] of slots) if (s[k]) out[slot] = reading(s[k]);
  for (const [kind, k] of keyed) if (s[k]) out[kind] = map(s[k]);
  return out;
}

/** Each fresh source's own count at the location, apart (the series behind "one line per source"). */
export function freshBySource(r: Reports, clock: number, freshMs: number): Partial<Record<Source, number>> {
  const out: Partial<Record<Source, number>> = {};
  if (isFresh(r.camera, clock, freshMs)) out.camera = r.camera.count;
  else {
    const raw = combine(r.rawCameras, clock, freshMs, (a, b) => a + b);
    if (raw) out.camera = raw.count;
  }
  const people = combine(r.people, clock, freshMs, Math.max);
  if (people) out.people = people.count;
  if (isFresh(r.users, clock, freshMs)) out.wifi_users = r.users.count;
  if (isFresh(r.devices, clock, freshMs)) out.wifi_devices = r.devices.count;
  return out;
}
