import type { Tenant } from "./campus";
import { alnumId, h3, hexId, u } from "./hash";
import { DEFAULT_DEVICES, type DeviceProfile } from "./worlds";

// Who works in a tenant's buildings and what they carry. Roles are dealt in a fixed cycle so that
// any population keeps the same mix: day staff, part-timers, lunch guests, and a night crew
// (security, a 24/7 lab, cleaners) that keeps every building occupied around the clock.

export type Role = "staff" | "parttime" | "guest" | "security" | "lab" | "cleaner";
const ROLE_CYCLE: Role[] = [
  "staff",
  "security",
  "staff",
  "lab",
  "staff",
  "cleaner",
  "staff",
  "parttime",
  "security",
  "lab",
  "staff",
  "guest",
  "staff",
  "security",
  "staff",
  "lab",
  "staff",
  "parttime",
  "staff",
  "cleaner",
  "staff",
  "guest",
  "security",
  "lab",
  "staff",
];

export type DeviceType = "MOBILE" | "LAPTOP" | "TABLET" | "OTHER_DEVICE";

export interface Person {
  index: number;
  role: Role;
  /** Ordinal within the role, to spread each role over floors and shifts. */
  ordinal: number;
  building: number;
  homeFloor: number;
  homeZone: number;
  /** Meeting team id (staff and part-timers; people in one team meet together), else -1. */
  team: number;
  devices: number[];
  userId: string;
  hasUserId: boolean;
  firstName: string;
  lastName: string;
  email: string;
  mobile: string;
  legMs: number;
  legOffset: number;
  /** Per-person hash key for the behaviour functions. */
  key: number;
}

export interface Device {
  index: number;
  person: number;
  type: DeviceType;
  deviceId: string;
  macAddress: string;
  manufacturer: string;
  os: string;
  osVersion: string;
  deviceModel: string;
  ipv4: string;
  /** Fraction of the update period by which this device's location updates are offset. */
  phase: number;
  /** Per-device hash key for the behaviour functions. */
  key: number;
}

const FIRST = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Femi",
  "Grace",
  "Hugo",
  "Isla",
  "Jun",
  "Kemi",
  "Liam",
  "Maya",
  "Noor",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tara",
];
const LAST = [
  "Adams",
  "Baker",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Gupta",
  "Hughes",
  "Ito",
  "Jones",
  "Khan",
  "Lopez",
  "Murphy",
  "Novak",
  "Okafor",
  "Patel",
  "Reyes",
  "Silva",
  "Taylor",
  "Wong",
];
const PHONES = [
  ["Apple", "iOS", "17.5.1", "iPhone 15"],
  ["Samsung", "Android", "14", "Galaxy S24"],
  ["Google", "Android", "14", "Pixel 8"],
  ["Apple", "iOS", "18.1", "iPhone 16"],
] as const;
const LAPTOPS = [
  ["Apple", "macOS", "14.6", "MacBook Pro"],
  ["Dell", "Windows", "11", "Latitude 7440"],
  ["Lenovo", "Windows", "11", "ThinkPad X1"],
] as const;
const EXTRAS = [
  ["Apple", "iPadOS", "17.5", "iPad Air", "TABLET"],
  ["Apple", "watchOS", "10.5", "Apple Watch", "OTHER_DEVICE"],
] as const;

export function createPeople(
  seed: number,
  t: Tenant,
  count: number,
  carry: DeviceProfile = DEFAULT_DEVICES,
): { people: Person[]; devices: Device[] } {
  const people: Person[] = [];
  const devices: Device[] = [];
  const ordinals = new Map<Role, number>();
  const domain = `${t.name.toLowerCase().replace(/[^a-z]+/g, "-")}.example`;
  for (let index = 0; index < count; index++) {
    const role = ROLE_CYCLE[index % ROLE_CYCLE.length]!;
    const ordinal = ordinals.get(role) ?? 0;
    ordinals.set(role, ordinal + 1);
    const key = h3(seed, t.index, index);
    // Pairs of a role share a floor; shifts alternate within a pair, so every shift covers every floor.
    const homeFloor = t.floors[Math.floor(ordinal / 2) % t.floors.length]!;
    const zonesHere = homeFloor.zones.map((i) => t.zones[i]!);
    const want = role === "lab" ? "lab" : role === "guest" ? "reception" : "open";
    const candidates = zonesHere.filter((z) => z.kind === want);
    const pool = candidates.length ? candidates : zonesHere.filter((z) => z.kind === "open");
    const homeZone = (pool.length ? pool : zonesHere)[
      h3(key, 1, 0) % Math.max(1, (pool.length ? pool : zonesHere).length)
    ]!;
    const first = FIRST[h3(key, 2, 0) % FIRST.length]!;
    const last = LAST[h3(key, 3, 0) % LAST.length]!;
    const p: Person = {
      index,
      role,
      ordinal,
      building: homeFloor.building,
      homeFloor: homeFloor.index,
      homeZone: homeZone.index,
      team: role === "staff" || role === "parttime" ? h3(seed, t.index + 7000, Math.floor(index / 8)) : -1,
      devices: [],
      userId: `user-${hexId(12, seed, "user", t.index, index)}`,
      hasUserId: role !== "guest" && u(h3(key, 4, 0)) < 0.9,
      firstName: first,
      lastName: last,
      email: `${first}.${last}.${index}@${domain}`.toLowerCase(),
      mobile: `+4479${String(h3(key, 5, 0) % 100_000_000).padStart(8, "0")}`,
      legMs: 120_000 + (h3(key, 6, 0) % 240_000),
      legOffset: h3(key, 7, 0) % 360_000,
      key,
    };
    people.push(p);
    const kinds: Array<readonly [string, string, string, string, DeviceType]> = [];
    const phone = PHONES[h3(key, 8, 0) % PHONES.length]!;
    kinds.push([...phone, "MOBILE"]);
    const laptopShare = role === "security" || role === "cleaner" ? 0 : role === "guest" ? 0.3 : carry.laptopShare;
    if (u(h3(key, 9, 0)) < laptopShare) kinds.push([...LAPTOPS[h3(key, 10, 0) % LAPTOPS.length]!, "LAPTOP"]);
    if (role !== "guest" && u(h3(key, 11, 0)) < carry.extraShare) kinds.push(EXTRAS[h3(key, 12, 0) % EXTRAS.length]!);
    for (const [manufacturer, os, osVersion, deviceModel, type] of kinds) {
      const d = devices.length;
      const macHex = hexId(12, seed, "mac", t.index, d);
      // Phones use private (locally administered) addresses; laptops their vendor's.
      const first2 =
        type === "MOBILE"
          ? ((parseInt(macHex.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, "0")
          : macHex.slice(0, 2);
      devices.push({
        index: d,
        person: index,
        type,
        deviceId: `device-${alnumId(21, seed, "device", t.index, d)}`,
        macAddress: [first2, ...macHex.slice(2).match(/../g)!].join(":"),
        manufacturer,
        os,
        osVersion,
        deviceModel,
        ipv4: `10.${16 + t.index}.${Math.floor(d / 240)}.${10 + (d % 240)}`,
        phase: u(h3(key, 13, d)),
        key: h3(key, 14, d),
      });
      p.devices.push(d);
    }
  }
  return { people, devices };
}

/** The documented Device object (proto3 JSON, defaults present). PII only when asked for. */
export function deviceObject(d: Device, p: Person, pii: boolean): Record<string, unknown> {
  return {
    deviceId: d.deviceId,
    userId: pii && p.hasUserId ? p.email : "",
    tags: [],
    mobile: pii && d.type === "MOBILE" ? p.mobile : "",
    email: pii ? p.email : "",
    gender: "GENDER_NOT_AVAILABLE",
    firstName: pii ? p.firstName : "",
    lastName: pii ? p.lastName : "",
    postalCode: "",
    optIns: pii ? ["TERMS_AND_CONDITIONS", "EMAIL"] : [],
    attributes: [],
    macAddress: d.macAddress,
    manufacturer: d.manufacturer,
    os: d.os,
    osVersion: d.osVersion,
    type: d.type,
    socialNetworkInfo: pii
      ? [{ socialNetwork: "linkedIn", socialHandle: `${p.firstName}-${p.lastName}-${p.index}`.toLowerCase() }]
      : [],
    deviceModel: d.deviceModel,
  };
}
