import { beforeAll, describe, expect, it } from "vitest";
import envelope from "../fixtures/simulator/envelope.json";
import payloads from "../fixtures/simulator/payloads.json";
import sample from "../fixtures/simulator/DEVICE_LOCATION_UPDATE.sample.json";
import { keepAliveLine } from "@/simulator/records";
import { createWorld } from "@/simulator/world";
import { chainOf, keysOf, type Rec } from "../helpers/stream-reader";

// What the simulator emits, checked against field lists, enums and a real record transcribed from
// Cisco's Firehose documents (never against the app's decoder).

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 0, 5);
const world = createWorld({ seed: 1, people: 200, tenants: 2, buildings: 1, tickMs: 1000, updateMs: 5000, pii: false });
const tenant = world.tenants[0]!.tenant;
const P = payloads as unknown as Record<string, string[]>;
const payloadKeyOf: Record<string, string> = { ...envelope.payloadKey, APP_DE_ACTIVATION: "appDeActivation" };
const records: Rec[] = [];

// Two stretches of a Monday: the 07:00 shift change (exits, entries) and 09:00 (meetings, devices
// going quiet and waking), 20 minutes each, both tenants.
const WINDOWS = [MONDAY + 6.9 * HOUR, MONDAY + 8.9 * HOUR];
const WINDOW_S = 20 * 60;

beforeAll(() => {
  for (const start of WINDOWS) {
    const from = start / 1000;
    for (let k = from; k < from + WINDOW_S; k++)
      for (const g of world.generators) for (const l of g.lines(k)) records.push(JSON.parse(l) as Rec);
  }
});

const ofType = (type: string) => records.filter((r) => r.eventType === type);
/** Which stretch a record belongs to, so sequences are followed within one stretch. */
const windowOf = (r: Rec) => (r.recordTimestamp < WINDOWS[1]! ? 0 : 1);
const payload = (r: Rec) => r[payloadKeyOf[r.eventType]!] as Record<string, unknown>;
const missing = (obj: unknown, fields: string[]) => fields.filter((f) => !(f in (obj as object)));

describe("the Firehose records", () => {
  it("emits every event type the building produces", () => {
    const types = new Set(records.map((r) => r.eventType));
    for (const type of [
      "DEVICE_LOCATION_UPDATE",
      "DEVICE_PRESENCE",
      "USER_PRESENCE",
      "DEVICE_COUNT",
      "CAMERA_COUNT",
      "RAW_CAMERA_COUNT",
      "IOT_TELEMETRY",
      "TP_PEOPLE_COUNT_UPDATE",
    ]) {
      expect(types, type).toContain(type);
    }
    for (const type of types) expect(envelope.eventTypesV1).toContain(type);
  });

  it("carries exactly the documented envelope and one payload under the documented key", () => {
    const uid = new RegExp(envelope.recordUidPattern);
    const wrong = records.filter(
      (r) =>
        keysOf(r).join() !== [...envelope.envelope, payloadKeyOf[r.eventType]!].sort().join() ||
        !uid.test(r.recordUid) ||
        !Number.isInteger(r.recordTimestamp) ||
        typeof r.spacesTenantId !== "string" ||
        !r.spacesTenantId,
    );
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("writes KEEP_ALIVE as the envelope alone, with empty tenant fields", () => {
    const ka = JSON.parse(keepAliveLine("event-0011aabb", 1700000015000)) as Rec;
    expect(keysOf(ka)).toEqual(keysOf(envelope.keepAlive));
    expect({ ...ka, recordUid: envelope.keepAlive.recordUid }).toEqual(envelope.keepAlive);
  });

  it("has every documented field of each payload", () => {
    const gaps = new Set(
      records.flatMap((r) => missing(payload(r), P[r.eventType]!).map((f) => `${r.eventType}.${f}`)),
    );
    expect([...gaps]).toEqual([]);
    for (const r of ofType("DEVICE_LOCATION_UPDATE").slice(0, 200))
      expect(missing(payload(r).device, P.device!)).toEqual([]);
    for (const r of ofType("USER_PRESENCE")) {
      const p = payload(r);
      expect(missing(p.user, P.user!)).toEqual([]);
      expect(missing(p.activeUsersCount, P.usersCount!)).toEqual([]);
      expect(missing(p.inActiveUsersCount, P.usersCount!)).toEqual([]);
    }
    for (const r of ofType("IOT_TELEMETRY")) {
      const p = payload(r);
      expect(missing(p.deviceInfo, P.deviceInfo!)).toEqual([]);
      expect(missing(p.tpData, P.tpData!)).toEqual([]);
      expect(missing(p.detectedPosition, P.devicePosition!)).toEqual([]);
    }
  });

  it("has the key structure of the real DEVICE_LOCATION_UPDATE sample, level by level", () => {
    const { _source, ...real } = sample as Record<string, unknown>;
    void _source;
    const ours = ofType("DEVICE_LOCATION_UPDATE")[0]!;
    expect(keysOf(ours)).toEqual(keysOf(real));
    const a = payload(ours);
    const b = real.deviceLocationUpdate as Record<string, unknown>;
    expect(keysOf(a)).toEqual(keysOf(b));
    expect(keysOf(a.device)).toEqual(keysOf(b.device));
    const ca = chainOf(a.location);
    const cb = chainOf(b.location);
    expect(keysOf(ca[0])).toEqual(keysOf(cb[0]));
    expect(keysOf(ca.at(-1))).toEqual(keysOf(cb.at(-1)));
    for (const k of Object.keys(b)) expect(typeof a[k], k).toBe(typeof b[k]);
  });

  it("spells enums as the spec does, DEVICE_IN_ACTIVE_EVENT included", () => {
    const presence = new Set(ofType("DEVICE_PRESENCE").map((r) => payload(r).presenceEventType as string));
    for (const v of presence) expect(P.devicePresenceEventType).toContain(v);
    expect([...presence].sort()).toEqual([
      "DEVICE_ACTIVE_EVENT",
      "DEVICE_ENTRY_EVENT",
      "DEVICE_EXIT_EVENT",
      "DEVICE_IN_ACTIVE_EVENT",
    ]);
    for (const r of ofType("USER_PRESENCE")) {
      expect(P.userPresenceEventType).toContain(payload(r).presenceEventType);
      expect(P.connection).toContain(payload(r).connection);
    }
    for (const r of ofType("DEVICE_LOCATION_UPDATE").slice(0, 500)) {
      const d = payload(r).device as Record<string, unknown>;
      expect(P.gender).toContain(d.gender);
      expect(P.deviceType).toContain(d.type);
    }
    for (const r of ofType("IOT_TELEMETRY"))
      expect((payload(r).deviceInfo as Record<string, unknown>).deviceType).toBe("IOT_TELE_PRESENCE_DEVICE");
    const locationTypes = new Set<string>();
    for (const r of records)
      for (const n of chainOf(payload(r).location)) for (const type of n.inferredLocationTypes) locationTypes.add(type);
    for (const type of locationTypes) expect(P.locationTypes).toContain(type);
  });

  it("places locations as Cisco does: the floor for device locations, zones for cameras, rooms and Webex", () => {
    const types = (r: Rec) => chainOf(payload(r).location).map((n) => n.inferredLocationTypes.join("+"));
    for (const r of ofType("DEVICE_LOCATION_UPDATE").slice(0, 500)) {
      expect(types(r)).toEqual(["FLOOR", "NETWORK+BUILDING", "CAMPUS", "ROOT"]);
      const p = payload(r);
      const floor = world.tenants
        .flatMap((tw) => tw.tenant.floors)
        .find((f) => f.locationId === chainOf(p.location)[0]!.locationId)!;
      expect(p.mapId).toBe(floor.mapId);
      expect(p.xPos as number).toBeLessThanOrEqual(floor.widthFt);
      expect(p.yPos as number).toBeLessThanOrEqual(floor.lengthFt);
    }
    for (const type of ["TP_PEOPLE_COUNT_UPDATE", "IOT_TELEMETRY", "RAW_CAMERA_COUNT"]) {
      for (const r of ofType(type))
        expect(types(r).slice(0, 2)).toEqual(
          type === "RAW_CAMERA_COUNT" && types(r)[0] === "FLOOR" ? ["FLOOR", "NETWORK+BUILDING"] : ["ZONE", "FLOOR"],
        );
    }
    const cameraPlaces = new Set(ofType("CAMERA_COUNT").map((r) => chainOf(payload(r).location)[0]!.name));
    expect(cameraPlaces).toContain("Floor 1");
    expect(cameraPlaces).not.toContain("Floor 2");
    expect(
      [...cameraPlaces].some((n) =>
        tenant.zones.some((z) => z.name === n && tenant.floors[z.floor]!.name === "Floor 2"),
      ),
    ).toBe(true);
  });

  it("follows the presence lifecycle per device: entry, inactive after silence, active again, exit", () => {
    const byDevice = new Map<string, string[]>();
    for (const r of ofType("DEVICE_PRESENCE")) {
      const p = payload(r);
      const id = `${windowOf(r)}|${(p.device as { deviceId: string }).deviceId}`;
      byDevice.set(id, [...(byDevice.get(id) ?? []), p.presenceEventType as string]);
      if (p.presenceEventType === "DEVICE_ACTIVE_EVENT") expect(p.wasInActive).toBe(true);
      if (p.presenceEventType === "DEVICE_EXIT_EVENT") expect(p.exitTimestamp).toBe(r.recordTimestamp);
      expect(p.activeDevicesCount as number).toBeGreaterThanOrEqual(0);
    }
    const next: Record<string, string[]> = {
      DEVICE_ENTRY_EVENT: ["DEVICE_IN_ACTIVE_EVENT", "DEVICE_EXIT_EVENT"],
      DEVICE_IN_ACTIVE_EVENT: ["DEVICE_ACTIVE_EVENT", "DEVICE_EXIT_EVENT"],
      DEVICE_ACTIVE_EVENT: ["DEVICE_IN_ACTIVE_EVENT", "DEVICE_EXIT_EVENT"],
      DEVICE_EXIT_EVENT: ["DEVICE_ENTRY_EVENT"],
    };
    for (const events of byDevice.values())
      for (let i = 1; i < events.length; i++) expect(next[events[i - 1]!]).toContain(events[i]);
  });

  it("sends DEVICE_COUNT for each floor once a minute, on the minute", () => {
    const counts = ofType("DEVICE_COUNT");
    const floors = world.tenants.reduce((s, tw) => s + tw.tenant.floors.length, 0);
    expect(counts.length).toBe((WINDOWS.length * WINDOW_S * floors) / 60);
    for (const r of counts) expect(r.recordTimestamp % 60_000).toBe(0);
  });

  it("reports counts that add up: CAMERA_COUNT deltas, raw cameras summing to their location", () => {
    const last = new Map<string, number>();
    for (const r of ofType("CAMERA_COUNT")) {
      const p = payload(r);
      const id = `${windowOf(r)}|${chainOf(p.location)[0]!.locationId}`;
      if (last.has(id)) expect(p.countDelta).toBe((p.count as number) - last.get(id)!);
      last.set(id, p.count as number);
    }
    for (const r of ofType("TP_PEOPLE_COUNT_UPDATE"))
      expect(payload(r).presence).toBe((payload(r).peopleCount as number) > 0);
  });
});

describe("personal data", () => {
  const firstLines = (pii: boolean) => {
    const w = createWorld({ seed: 1, people: 60, tenants: 1, buildings: 1, tickMs: 1000, updateMs: 5000, pii });
    const from = (MONDAY + 8.9 * HOUR) / 1000;
    const out: string[] = [];
    for (let k = from; k < from + 600; k++) out.push(...w.generators[0]!.lines(k));
    return out;
  };

  it("leaves names, e-mails and phone numbers out unless asked, and puts them in with pii", () => {
    const plain = firstLines(false);
    const rich = firstLines(true);
    expect(plain.some((l) => /@[a-z-]+\.example/.test(l))).toBe(false);
    const dlu = rich.map((l) => JSON.parse(l) as Rec).find((r) => r.eventType === "DEVICE_LOCATION_UPDATE")!;
    const device = (dlu.deviceLocationUpdate as { device: Record<string, unknown> }).device;
    expect(device.email).toMatch(/@/);
    expect(device.firstName).not.toBe("");
    expect((device.socialNetworkInfo as unknown[]).length).toBeGreaterThan(0);
    expect(rich.some((l) => l.includes('"eventType":"USER_PRESENCE"') && /"email":"[^"]+@/.test(l))).toBe(true);
  });
});
