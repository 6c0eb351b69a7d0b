import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLine } from "@/lib/firehose/decode";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/firehose/${name}.json`, import.meta.url), "utf8");
const dlu = () => JSON.parse(fixture("DEVICE_LOCATION_UPDATE")) as Record<string, any>;

describe("decodeLine", () => {
  it("decodes a documented DEVICE_LOCATION_UPDATE into device, position and the location chain", () => {
    const r = decodeLine(fixture("DEVICE_LOCATION_UPDATE").replace(/\n/g, ""));
    expect(r.ok).toBe(true);
    if (!r.ok || r.event.type !== "DEVICE_LOCATION_UPDATE") throw new Error("wrong type");
    expect(r.event).toMatchObject({
      uid: "event-f3e19217",
      ts: 1700000000000,
      partnerTenantId: "Simulation-Retail",
      deviceId: "device-qNCqfbaowTbMviFDFEAt2",
      mapId: "7f44ee53f954b8defbf8c16a0412a8fd",
      x: 998.28503,
      y: 458.1349,
    });
    expect(r.event.chain.map((n) => [n.locationId, n.parentId])).toEqual([
      ["location-d827508f", "location-3e306fd1"],
      ["location-3e306fd1", "location-d4a2b651"],
      ["location-d4a2b651", "location-da34853c"],
      ["location-da34853c", "location-91cdc6dc"],
      ["location-91cdc6dc", null],
    ]);
    expect(r.event.chain[1]!.inferredLocationTypes).toEqual(["NETWORK", "BUILDING"]);
  });

  it("decodes KEEP_ALIVE, which has no payload and empty tenant fields", () => {
    const r = decodeLine(fixture("KEEP_ALIVE"));
    expect(r).toMatchObject({ ok: true, event: { type: "KEEP_ALIVE", ts: 1700000015000 } });
  });

  it("accepts int64 fields sent as strings and treats missing fields as proto3 defaults", () => {
    const rec = dlu();
    rec.recordTimestamp = "1700000000123";
    delete rec.deviceLocationUpdate.xPos;
    delete rec.deviceLocationUpdate.mapId;
    delete rec.spacesTenantName;
    const r = decodeLine(JSON.stringify(rec));
    expect(r).toMatchObject({ ok: true, event: { ts: 1700000000123, x: 0, mapId: "" } });
  });

  it("reads a DEVICE_LOCATION_UPDATE the same way whatever the JSON types of its fields", () => {
    // The common shape is read without zod; every other shape must decode exactly as the schema says.
    const decode = (edit: (rec: Record<string, any>) => void) => {
      const rec = dlu();
      edit(rec);
      return decodeLine(JSON.stringify(rec));
    };
    const u = (rec: Record<string, any>) => rec.deviceLocationUpdate;
    expect(decode((r) => (u(r).xPos = "12.5"))).toMatchObject({ ok: true, event: { x: 12.5 } });
    expect(decode((r) => (u(r).xPos = -0))).toMatchObject({ ok: true, event: { x: 0 } });
    expect(Object.is((decode((r) => (u(r).yPos = "-0")) as any).event.y, 0)).toBe(true);
    expect(decode((r) => (u(r).xPos = true))).toMatchObject({ ok: false, reason: "payload" });
    expect(decode((r) => (u(r).mapId = 7))).toMatchObject({ ok: true, event: { mapId: "" } });
    expect(decode((r) => (u(r).device = { deviceId: "" }))).toMatchObject({ ok: false, reason: "payload" });
    expect(decode((r) => (u(r).device = ["device-1"]))).toMatchObject({ ok: false, reason: "payload" });
    const first = (r: ReturnType<typeof decode>) => (r.ok && "chain" in r.event ? r.event.chain?.[0] : null);
    expect(first(decode((r) => delete u(r).location.name))).toMatchObject({ name: "" });
    expect(first(decode((r) => (u(r).location.inferredLocationTypes = ["FLOOR", 3])))).toMatchObject({
      inferredLocationTypes: [],
    });
    expect(decode((r) => (u(r).location.locationId = 5))).toMatchObject({ ok: false, reason: "payload" });
    expect(decode((r) => (r.partnerTenantId = null))).toMatchObject({ ok: true, event: { partnerTenantId: "" } });
    expect(decode((r) => (r.recordUid = ""))).toMatchObject({ ok: false, reason: "envelope" });
    expect(decode((r) => (r.eventType = 12))).toMatchObject({ ok: false, reason: "envelope" });
  });

  it("decodes presence events and camera counts", () => {
    const loc = dlu().deviceLocationUpdate.location;
    const base = { recordUid: "event-1", recordTimestamp: 5, spacesTenantId: "t", partnerTenantId: "p" };
    const exit = decodeLine(
      JSON.stringify({
        ...base,
        eventType: "DEVICE_PRESENCE",
        devicePresence: { presenceEventType: "DEVICE_EXIT_EVENT", device: { deviceId: "device-1" }, location: loc },
      }),
    );
    expect(exit).toMatchObject({
      ok: true,
      event: { type: "DEVICE_PRESENCE", presence: "exit", deviceId: "device-1" },
    });
    const cam = decodeLine(
      JSON.stringify({ ...base, eventType: "CAMERA_COUNT", cameraCounts: { location: loc, count: 17, countDelta: 2 } }),
    );
    expect(cam).toMatchObject({ ok: true, event: { type: "CAMERA_COUNT", count: 17 } });
  });

  it("reports why a line is skipped, and never throws", () => {
    expect(decodeLine("{not json")).toMatchObject({ ok: false, reason: "json" });
    expect(decodeLine("[1,2]")).toMatchObject({ ok: false, reason: "envelope" });
    expect(decodeLine(JSON.stringify({ eventType: "KEEP_ALIVE" }))).toMatchObject({ ok: false, reason: "envelope" });
    expect(
      decodeLine(JSON.stringify({ recordUid: "e", recordTimestamp: 1, eventType: "SOMETHING_NEW" })),
    ).toMatchObject({
      ok: false,
      reason: "unknown_type",
      eventType: "SOMETHING_NEW",
    });
    const noDevice = dlu();
    delete noDevice.deviceLocationUpdate.device;
    expect(decodeLine(JSON.stringify(noDevice))).toMatchObject({ ok: false, reason: "payload" });
    const noPayload = dlu();
    delete noPayload.deviceLocationUpdate;
    expect(decodeLine(JSON.stringify(noPayload))).toMatchObject({ ok: false, reason: "payload" });
  });

  it("rejects a location chain nested deeper than any real hierarchy", () => {
    let loc: Record<string, unknown> = { locationId: "location-0", name: "x", inferredLocationTypes: ["ROOT"] };
    for (let i = 1; i < 40; i++)
      loc = { locationId: `location-${i}`, name: "x", inferredLocationTypes: ["ZONE"], parent: loc };
    const rec = dlu();
    rec.deviceLocationUpdate.location = loc;
    expect(decodeLine(JSON.stringify(rec))).toMatchObject({ ok: false, reason: "payload" });
  });
});
