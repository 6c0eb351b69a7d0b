import { describe, expect, it } from "vitest";
import { COUNT_FRESH_MS, createEngine } from "@/lib/occupancy/engine";
import { camera, deviceCount, keepAlive, located, MIN, people, presence, rawCamera, users } from "./engine-events";

// Which number a location shows: its own people count (a camera only as a lower bound), else the sum
// of its children.

const own = (count: number, source: string, at: number) => ({ count, source, rollup: false, mixed: false, at });
const sum = (count: number, source: string, mixed: boolean, at: number, parts: number, partType: string) => ({
  count,
  source,
  rollup: true,
  mixed,
  at,
  parts,
  partType,
});

describe("occupancy engine: sources", () => {
  it("prefers people counts over Wi-Fi users over Wi-Fi devices, and holds a camera count as a lower bound", () => {
    const e = createEngine();
    e.apply(located("d1", "f1", 1000));
    expect(e.occupancy("f1")).toMatchObject({ ...own(1, "wifi_devices", 1000), devices: 1 });
    e.apply(deviceCount("f1", 34, 2000));
    expect(e.occupancy("f1")).toMatchObject({ ...own(20, "wifi_devices", 2000), devices: 34 }); // 34 / 1.7
    e.apply(users("f1", 20, 3000));
    expect(e.occupancy("f1")).toEqual(own(20, "wifi_users", 3000));
    e.apply(people("f1", "tp-1", 10, 4000));
    expect(e.occupancy("f1")).toEqual(own(10, "people", 4000));
    e.apply(camera("f1", 5, 5000));
    expect(e.occupancy("f1")).toEqual({ ...own(10, "people", 5000), atLeast: 5 });
    e.apply(camera("f1", 12, 6000)); // the camera sees more than the counter: the number is at least that
    expect(e.occupancy("f1")).toEqual(own(12, "camera", 6000));
    e.apply(users("f1", 25, 7000)); // a lower source changing does not take over
    expect(e.occupancy("f1")).toEqual(own(12, "camera", 6000));
  });

  it("falls back to the next source when one goes stale, by event time, and says so in the next drain", () => {
    const e = createEngine();
    e.apply(users("f1", 20, 0));
    e.apply(camera("f1", 5, MIN));
    e.apply(users("f1", 21, 10 * MIN));
    e.drain();
    e.apply(keepAlive(MIN + COUNT_FRESH_MS));
    expect(e.occupancy("f1").atLeast).toBe(5); // exactly at the edge the camera is still current
    e.apply(keepAlive(MIN + COUNT_FRESH_MS + 1));
    expect(e.drain().counts.f1).toEqual(own(21, "wifi_users", 10 * MIN));
    e.apply(keepAlive(10 * MIN + COUNT_FRESH_MS + 1));
    expect(e.drain().counts.f1).toEqual({ count: 0, source: null, rollup: false, mixed: false, at: null });
  });

  it("never lets a late, older count replace a newer one", () => {
    const e = createEngine();
    e.apply(camera("f1", 9, 5000));
    e.apply(camera("f1", 4, 4000));
    expect(e.occupancy("f1").count).toBe(9);
    e.apply(users("f1", 3, 5000));
    e.apply(users("f1", 8, 4999));
    e.apply(camera("f1", 0, 6000));
    e.apply(keepAlive(5000 + COUNT_FRESH_MS + 500));
    expect(e.occupancy("f1")).toEqual(own(0, "camera", 6000));
  });

  it("sums Meraki cameras and camera zones when there is no aggregate count, which wins when there is", () => {
    const e = createEngine();
    e.apply(rawCamera("f1", "cam-a", 3, 1000));
    e.apply(rawCamera("f1", "cam-a", 2, 1000, "zone-2"));
    e.apply(rawCamera("f1", "cam-b", 4, 2000));
    expect(e.occupancy("f1")).toEqual(own(9, "camera", 2000));
    e.apply(rawCamera("f1", "cam-b", 1, 3000));
    expect(e.occupancy("f1").count).toBe(6);
    e.apply(keepAlive(1000 + COUNT_FRESH_MS + 1)); // cam-a's readings go stale
    expect(e.occupancy("f1")).toEqual(own(1, "camera", 3000));
    e.apply(camera("f1", 12, COUNT_FRESH_MS + 2000));
    expect(e.occupancy("f1").count).toBe(12);
  });

  it("takes the largest of several people counters in one room, one reading per device", () => {
    const e = createEngine();
    e.apply(people("z1", "board-1", 4, 1000, "TP_PEOPLE_COUNT_UPDATE"));
    e.apply(people("z1", "board-2", 6, 1000, "WEBEX_TELEMETRY"));
    e.apply(people("z1", "space:z1", 5, 1500, "SPACE_OCCUPANCY"));
    expect(e.occupancy("z1")).toEqual(own(6, "people", 1500));
    e.apply(people("z1", "board-2", 2, 2000, "IOT_TELEMETRY")); // the same device through another channel
    expect(e.occupancy("z1").count).toBe(5);
    e.apply(people("z1", "board-1", null, 3000)); // standby: no count, the last one stands
    expect(e.occupancy("z1").count).toBe(5);
  });

  it("uses the newer of Cisco's device counts: DEVICE_COUNT associated or presence active devices", () => {
    const e = createEngine();
    e.apply(deviceCount("f2", 30, 1000));
    e.apply(presence("d1", "f2", "entry", 2000, 31));
    expect(e.occupancy("f2")).toMatchObject({ ...own(18, "wifi_devices", 2000), devices: 31 });
    e.apply(deviceCount("f2", 29, 3000));
    expect(e.occupancy("f2").devices).toBe(29);
  });

  it("rolls up children with no count of its own, labelled with the leading source", () => {
    const e = createEngine();
    e.apply(camera("f1", 7, 1000));
    e.apply(located("d1", "f2", 2000));
    expect(e.occupancy("b")).toEqual(sum(8, "camera", true, 2000, 2, "FLOOR")); // 7 + one device as people
    e.apply(users("f2", 9, 3000));
    expect(e.occupancy("b")).toEqual(sum(16, "wifi_users", true, 3000, 2, "FLOOR"));
    e.apply(users("f1", 1, 3000));
    e.apply(keepAlive(1000 + COUNT_FRESH_MS + 1)); // the camera goes stale: both floors on Wi-Fi users
    expect(e.occupancy("b")).toEqual(sum(10, "wifi_users", false, 3000, 2, "FLOOR"));
    expect(e.occupancy("campus")).toEqual(sum(10, "wifi_users", false, 3000, 1, "BUILDING"));
  });

  it("prefers a location's own current count to its children's, and rolls up again when it goes stale", () => {
    const e = createEngine();
    e.apply(camera("f1", 7, 0));
    e.apply(camera("f2", 3, 0));
    e.apply(users("b", 40, MIN));
    expect(e.occupancy("b")).toEqual(own(40, "wifi_users", MIN));
    e.drain();
    e.apply(camera("f1", 8, COUNT_FRESH_MS));
    e.apply(keepAlive(MIN + COUNT_FRESH_MS + 1));
    const c = e.drain().counts;
    expect(c.b).toEqual(sum(8, "camera", false, COUNT_FRESH_MS, 1, "FLOOR"));
    expect(c.f2).toEqual({ count: 0, source: null, rollup: false, mixed: false, at: null });
  });

  it("shows no data, not zero, where nothing current describes a location", () => {
    const e = createEngine();
    e.apply(camera("f1", 2, 1000));
    expect(e.occupancy("f2")).toEqual({ count: 0, source: null, rollup: false, mixed: false, at: null });
    expect(e.occupancy("unknown")).toEqual({ count: 0, source: null, rollup: false, mixed: false, at: null });
    expect(e.occupancy("b")).toEqual(sum(2, "camera", false, 1000, 1, "FLOOR"));
  });

  it("refuses counts already stale when they arrive", () => {
    const e = createEngine();
    e.apply(keepAlive(COUNT_FRESH_MS + 10_000));
    e.apply(camera("f1", 5, 5000));
    expect(e.occupancy("f1").source).toBeNull();
  });
});
