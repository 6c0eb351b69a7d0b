import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLine, KNOWN_EVENT_TYPES } from "@/lib/firehose/decode";
import { FIXTURE_PERSONAL } from "../helpers/pii";

// Every eventType of Cisco's Firehose "Event Types", decoded from a fixture transcribed from the documents.

const record = (type: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/firehose/${type}.json`, import.meta.url), "utf8")) as Record<
    string,
    any
  >;
const decode = (rec: unknown) => decodeLine(JSON.stringify(rec));
const decodeOk = (rec: unknown) => {
  const r = decode(rec);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.event;
};

const FLOOR = "location-d827508f";
const ROOM = "location-5c1e0a77";
const DOCUMENTED = [
  "DEVICE_ENTRY",
  "DEVICE_EXIT",
  "PROFILE_UPDATE",
  "LOCATION_CHANGE",
  "DEVICE_LOCATION_UPDATE",
  "APP_ACTIVATION",
  "APP_DE_ACTIVATION",
  "ACCOUNT_ADMIN_ACTIVATION",
  "TP_PEOPLE_COUNT_UPDATE",
  "DEVICE_PRESENCE",
  "USER_PRESENCE",
  "IOT_TELEMETRY",
  "IOT_USER_ACTION",
  "DEVICE_COUNT",
  "CAMERA_COUNT",
  "RAW_CAMERA_COUNT",
  "NETWORK_TELEMETRY",
  "LOCATION_ANCHOR_UPDATE",
  "NETWORK_STATUS_UPDATE",
  "BLE_RSSI_UPDATE",
  "WEBEX_TELEMETRY",
  "SPACE_OCCUPANCY",
  "KEEP_ALIVE",
];
const PERSONAL = FIXTURE_PERSONAL;

describe("decodeLine: every documented event type", () => {
  it.each(DOCUMENTED)("decodes %s from its fixture, under its own type and with nothing personal", (type) => {
    const event = decodeOk(record(type));
    expect(event.type).toBe(type);
    const text = JSON.stringify(event);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
  });

  it("knows every documented type, and the account-admin event under both of its names", () => {
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual(
      expect.arrayContaining([...DOCUMENTED, "ACCOUNT_ADMIN_CHANGE"].sort()),
    );
    const rec = record("ACCOUNT_ADMIN_ACTIVATION");
    expect(decodeOk({ ...rec, eventType: "ACCOUNT_ADMIN_CHANGE" })).toMatchObject({
      type: "ACCOUNT_ADMIN_CHANGE",
      chain: null,
    });
  });

  it("reads what occupancy needs from each count and presence event", () => {
    expect(decodeOk(record("DEVICE_PRESENCE"))).toMatchObject({
      deviceId: "device-qNCqfbaowTbMviFDFEAt2",
      presence: "entry",
      activeDevices: 23,
    });
    expect(decodeOk(record("USER_PRESENCE"))).toMatchObject({ presence: "active", activeUsers: 17 });
    expect(decodeOk(record("DEVICE_COUNT"))).toMatchObject({ associated: 31 });
    expect(decodeOk(record("CAMERA_COUNT"))).toMatchObject({ count: 17 });
    expect(decodeOk(record("RAW_CAMERA_COUNT"))).toMatchObject({
      cameraId: "Q2GV-7XYZ-ABCD",
      zoneId: "zone-1",
      count: 6,
    });
    expect(decodeOk(record("TP_PEOPLE_COUNT_UPDATE"))).toMatchObject({ reporter: "tp-device-31c4", people: 4 });
    expect(decodeOk(record("IOT_TELEMETRY"))).toMatchObject({ reporter: "tp-device-31c4", people: 5 });
    expect(decodeOk(record("WEBEX_TELEMETRY"))).toMatchObject({ reporter: "webex-device-77", people: 3 });
    expect(decodeOk(record("SPACE_OCCUPANCY"))).toMatchObject({ reporter: "space:space-3-01", people: 2 });
    for (const type of ["TP_PEOPLE_COUNT_UPDATE", "IOT_TELEMETRY", "WEBEX_TELEMETRY", "SPACE_OCCUPANCY"]) {
      expect(decodeOk(record(type))).toMatchObject({
        chain: [{ locationId: ROOM, parentId: FLOOR }, { locationId: FLOOR }, {}, {}, {}, {}],
      });
    }
  });

  it("reads device entry and exit by device id only", () => {
    expect(decodeOk(record("DEVICE_ENTRY"))).toMatchObject({
      deviceId: "device-qNCqfbaowTbMviFDFEAt2",
      chain: [{ locationId: FLOOR }, {}, {}, {}, {}],
    });
    expect(decodeOk(record("DEVICE_EXIT"))).toMatchObject({
      type: "DEVICE_EXIT",
      deviceId: "device-qNCqfbaowTbMviFDFEAt2",
    });
    expect(decodeOk(record("PROFILE_UPDATE"))).toEqual(
      expect.objectContaining({ type: "PROFILE_UPDATE", chain: null }),
    );
  });

  it("reads hierarchy changes with the floor's map", () => {
    expect(decodeOk(record("LOCATION_CHANGE"))).toMatchObject({
      change: "UPDATE",
      mapId: "7f44ee53f954b8defbf8c16a0412a8fd",
      chain: [{ locationId: FLOOR, name: "Level 3" }, {}, {}, {}, {}],
    });
    const rec = record("LOCATION_CHANGE");
    rec.locationHierarchyChange.changeType = "RENAME_SOMEHOW";
    delete rec.locationHierarchyChange.locationDetails;
    expect(decodeOk(rec)).toMatchObject({ change: "OTHER", mapId: "" });
  });

  it("reads the tenant of an activation, and of a deactivation from its envelope or either payload spelling", () => {
    const tenant = { spacesTenantId: "spaces-tenant-549be59d", partnerTenantId: "Simulation-Retail" };
    expect(decodeOk(record("APP_ACTIVATION"))).toMatchObject({ tenant: { ...tenant, referenceId: "ref-0b1c2d3e" } });
    expect(decodeOk(record("APP_DE_ACTIVATION"))).toMatchObject({ tenant: { ...tenant, referenceId: "" } });
    for (const key of ["appDeActivation", "appDeactivation"]) {
      const r = decodeOk({
        ...record("APP_DE_ACTIVATION"),
        [key]: { spacesTenantId: "spaces-tenant-2", referenceId: "ref-2" },
      });
      expect(r).toMatchObject({
        tenant: { spacesTenantId: "spaces-tenant-2", partnerTenantId: "Simulation-Retail", referenceId: "ref-2" },
      });
    }
  });

  it("keeps the location of informational events for the hierarchy", () => {
    for (const type of ["IOT_USER_ACTION", "NETWORK_TELEMETRY", "LOCATION_ANCHOR_UPDATE", "BLE_RSSI_UPDATE"]) {
      expect(decodeOk(record(type))).toMatchObject({ chain: [{ locationId: FLOOR }, {}, {}, {}, {}] });
    }
    expect(decodeOk(record("NETWORK_STATUS_UPDATE"))).toMatchObject({ chain: null });
    const bad = record("NETWORK_TELEMETRY");
    bad.networkTelemetry.location = { name: "no id" };
    expect(decodeOk(bad)).toMatchObject({ type: "NETWORK_TELEMETRY", chain: null });
    expect(decodeOk({ ...record("KEEP_ALIVE"), eventType: "SPACE_OCCUPANCY_CHANGE" })).toMatchObject({
      type: "SPACE_OCCUPANCY_CHANGE",
    });
  });
});

describe("decodeLine: tolerant where Cisco is, strict where the engine reads", () => {
  it("takes int32 and int64 as numbers or strings, and missing counts as 0", () => {
    const cam = record("CAMERA_COUNT");
    cam.recordTimestamp = "1700000114000";
    cam.cameraCounts.count = "21";
    expect(decodeOk(cam)).toMatchObject({ ts: 1700000114000, count: 21 });
    delete cam.cameraCounts.count;
    expect(decodeOk(cam)).toMatchObject({ count: 0 });
    const dc = record("DEVICE_COUNT");
    delete dc.deviceCounts.associatedCount;
    expect(decodeOk(dc)).toMatchObject({ associated: 0 });
    const dlu = record("DEVICE_LOCATION_UPDATE");
    dlu.deviceLocationUpdate.xPos = "12.5";
    dlu.deviceLocationUpdate.yPos = -0;
    expect(decodeOk(dlu)).toMatchObject({ x: 12.5, y: 0 });
    expect(Object.is((decodeOk(dlu) as { y: number }).y, 0)).toBe(true);
  });

  it("rejects counts and positions that are not numbers", () => {
    const cam = record("CAMERA_COUNT");
    cam.cameraCounts.count = -3;
    expect(decode(cam)).toMatchObject({ ok: false, reason: "payload", eventType: "CAMERA_COUNT" });
    cam.cameraCounts.count = "many";
    expect(decode(cam)).toMatchObject({ ok: false, reason: "payload" });
    const dlu = record("DEVICE_LOCATION_UPDATE");
    dlu.deviceLocationUpdate.xPos = "left";
    expect(decode(dlu)).toMatchObject({ ok: false, reason: "payload" });
    const users = record("USER_PRESENCE");
    users.userPresence.activeUsersCount.totalUsers = 1.5;
    expect(decode(users)).toMatchObject({ ok: false, reason: "payload" });
  });

  it("tells a missing count apart from zero where a record may carry none", () => {
    const dp = record("DEVICE_PRESENCE");
    delete dp.devicePresence.activeDevicesCount;
    dp.devicePresence.presenceEventType = "DEVICE_SSID_CHANGE_EVENT";
    expect(decodeOk(dp)).toMatchObject({ activeDevices: null, presence: "other" });
    const up = record("USER_PRESENCE");
    delete up.userPresence.activeUsersCount.totalUsers;
    expect(decodeOk(up)).toMatchObject({ activeUsers: 17 });
    delete up.userPresence.activeUsersCount;
    expect(decodeOk(up)).toMatchObject({ activeUsers: null });
  });

  it("reads Webex's -1 as no people count, and a presence-only empty space as 0", () => {
    const tp = record("TP_PEOPLE_COUNT_UPDATE");
    tp.tpPeopleCountUpdate.peopleCount = -1;
    expect(decodeOk(tp)).toMatchObject({ people: null });
    const webex = record("WEBEX_TELEMETRY");
    webex.webexTelemetry.telemetries = [{ presence: false }, { peopleCount: "not a number" }];
    expect(decodeOk(webex)).toMatchObject({ people: null });
    const space = record("SPACE_OCCUPANCY");
    space.spaceOccupancy.peopleCount = null;
    space.spaceOccupancy.peoplePresence = false;
    expect(decodeOk(space)).toMatchObject({ people: 0 });
    space.spaceOccupancy.peoplePresence = true;
    expect(decodeOk(space)).toMatchObject({ people: null });
  });

  it("accepts IoT telemetry without room data or location, but not a people count without a location", () => {
    const iot = record("IOT_TELEMETRY");
    delete iot.iotTelemetry.tpData;
    delete iot.iotTelemetry.location;
    expect(decodeOk(iot)).toMatchObject({ type: "IOT_TELEMETRY", chain: null, people: null });
    const counted = record("IOT_TELEMETRY");
    delete counted.iotTelemetry.location;
    expect(decode(counted)).toMatchObject({ ok: false, reason: "payload", detail: "location missing or malformed" });
  });

  it("skips undocumented types and envelope-only records of documented ones, by reason", () => {
    const keepAlive = record("KEEP_ALIVE");
    for (const type of ["DEVICE_ASSOCIATION", "ASSET_LOCATION_UPDATE", "__proto__", "toString"]) {
      expect(decode({ ...keepAlive, eventType: type })).toMatchObject({
        ok: false,
        reason: "unknown_type",
        eventType: type,
      });
    }
    for (const type of ["CAMERA_COUNT", "APP_ACTIVATION", "NETWORK_STATUS_UPDATE"]) {
      expect(decode({ ...keepAlive, eventType: type })).toMatchObject({
        ok: false,
        reason: "payload",
        eventType: type,
      });
    }
    expect(decode({ ...record("CAMERA_COUNT"), cameraCounts: [1] })).toMatchObject({ ok: false, reason: "payload" });
    expect(decode({ ...keepAlive, recordTimestamp: "yesterday" })).toMatchObject({ ok: false, reason: "envelope" });
  });
});
