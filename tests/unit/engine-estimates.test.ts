import { describe, expect, it } from "vitest";
import { createEngine, type Engine } from "@/lib/occupancy/engine";
import { freshness, shownLabel, sourceWords, STALE_AFTER_MS } from "@/lib/occupancy/present";
import { estimate, NO_ESTIMATE } from "@/lib/occupancy/estimate";
import { DEFAULT_DEVICES_PER_PERSON } from "@/lib/occupancy/rules";
import {
  camera,
  change,
  chainOf,
  deviceCount,
  exit,
  keepAlive,
  located,
  MIN,
  people,
  presence,
  users,
} from "./engine-events";
import { square } from "../helpers/polygon";

// Every count shown is people: how device counts become people, how partial sources combine, how a
// parent relates to its children, and what an emptied room shows. One test per rule.

/** A building "b" where Cisco reports `devices` active devices beside `people` active users, each minute for `minutes`. */
function teach(
  e: Engine,
  from: number,
  minutes: number,
  devices: (m: number) => number,
  people: (m: number) => number,
) {
  for (let m = 0; m < minutes; m++) {
    const ts = from + m * MIN;
    e.apply(users("b", people(m), ts));
    e.apply(presence(`teacher-${m}`, "b", "active", ts, devices(m)));
  }
}

describe("people estimates", () => {
  it("turns Wi-Fi devices into people with the default ratio until the building has learned one, and says so", () => {
    const e = createEngine();
    e.apply(deviceCount("f1", 34, 1000));
    const o = e.occupancy("f1");
    expect(o).toMatchObject({
      count: Math.round(34 / DEFAULT_DEVICES_PER_PERSON),
      source: "wifi_devices",
      devices: 34,
      ratio: DEFAULT_DEVICES_PER_PERSON,
      learned: false,
    });
    expect(sourceWords(o)).toBe("≈ from 34 Wi-Fi devices");
  });

  it("learns the building's devices per person from a people count beside a device count, and follows it when it moves", () => {
    const e = createEngine();
    teach(
      e,
      0,
      60,
      (m) => 100 + m,
      (m) => 40 + Math.round(m / 2.5),
    ); // 2.5 devices per person
    e.apply(deviceCount("f1", 50, 60 * MIN)); // a floor with devices only
    expect(e.occupancy("f1")).toMatchObject({ count: 20, devices: 50, ratio: 2.5, learned: true });
    expect(e.occupancy("f3")).toMatchObject({ source: null }); // another building has not been taught by this one's floor
    // The habit changes (say, laptops stay home): the ratio follows within hours, without a jump.
    teach(
      e,
      60 * MIN,
      600,
      () => 120,
      () => 80,
    ); // 1.5 devices per person
    e.apply(deviceCount("f1", 60, 660 * MIN));
    const after = e.occupancy("f1");
    expect(after.ratio!).toBeGreaterThan(1.4);
    expect(after.ratio!).toBeLessThan(1.7);
    expect(after.count).toBeGreaterThanOrEqual(35);
    expect(after.count).toBeLessThanOrEqual(43);
  });

  it("learns from DEVICE_COUNT's userCount beside its associatedCount, and keeps what it learned across a restart", () => {
    const e = createEngine();
    for (let m = 0; m < 30; m++) e.apply(deviceCount("f1", 90, m * MIN, 30)); // 3 devices per Wi-Fi user
    expect(e.occupancy("f1")).toMatchObject({ count: 30, source: "wifi_users" });
    const restored = createEngine(JSON.parse(JSON.stringify(e.snapshot())));
    restored.apply(deviceCount("f2", 60, 30 * MIN)); // no userCount on this floor
    expect(restored.occupancy("f2")).toMatchObject({ count: 20, ratio: 3, learned: true });
  });

  it("holds a camera that covers part of a floor as a lower bound: its people plus Wi-Fi's estimate of the rest", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("z1"), 0));
    e.setZonePolygon("z1", square(0, 0, 10));
    for (let i = 0; i < 20; i++) e.apply(located(`d${i}`, "f1", 1000, i < 4 ? 5 : 50, 5)); // 4 of 20 located devices in the camera's zone
    e.apply(deviceCount("f1", 51, 1000, 30)); // the whole floor: 30 Wi-Fi users
    e.apply(camera("z1", 12, 1000)); // the camera counts 12 people in its zone
    const z1 = e.occupancy("z1");
    expect(z1).toMatchObject({ count: 12, source: "camera" });
    const f1 = e.occupancy("f1");
    // 12 in the zone + the rest of the floor by Wi-Fi (30 users less the zone's 4/20 share): not 12, not 30.
    expect(f1.count).toBe(12 + 30 - 6);
    expect(f1).toMatchObject({ source: "wifi_users", covered: 12, rollup: false });
    expect(sourceWords(f1)).toBe("Wi-Fi users, 12 counted in rooms");
    // A floor camera that sees fewer people than Wi-Fi counts is a lower bound, not the count.
    e.apply(camera("f2", 54, 2000));
    e.apply(deviceCount("f2", 110, 2000, 66));
    expect(e.occupancy("f2")).toMatchObject({ count: 66, source: "wifi_users", atLeast: 54 });
    expect(sourceWords(e.occupancy("f2"))).toBe("Wi-Fi users, camera sees 54");
    e.apply(camera("f2", 70, 3000));
    expect(e.occupancy("f2")).toMatchObject({ count: 70, source: "camera" });
  });

  it("never shows a parent below the sum of its children, and labels that number as their sum", () => {
    const e = createEngine();
    e.apply(users("b", 40, 1000)); // active users of the building: fewer than its floors hold
    e.apply(deviceCount("f1", 60, 1000, 30));
    e.apply(people("f2", "room-bar", 25, 1000));
    const b = e.occupancy("b");
    expect(b).toMatchObject({ count: 55, rollup: true, parts: 2, partType: "FLOOR" });
    expect(sourceWords(b)).toBe("Sum of 2 floors");
    expect(shownLabel(b)).toBe("rollup");
    e.apply(users("b", 70, 2000)); // now the building's own count is the larger: it shows that
    expect(e.occupancy("b")).toMatchObject({ count: 70, source: "wifi_users", rollup: false });
    expect(shownLabel(e.occupancy("b"))).toBe("wifi_users");
  });

  it("keeps every parent at or above each child whatever mix of sources arrives", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const e = createEngine();
    const places = ["b", "b2", "f1", "f2", "f3", "z1", "z2"];
    for (let i = 0; i < 3000; i++) {
      const at = places[rand(places.length)]!;
      const ts = i * 5000;
      const kind = rand(6);
      if (kind === 0) e.apply(located(`d${rand(80)}`, at === "b" || at === "b2" ? "f1" : at, ts));
      else if (kind === 1) e.apply(deviceCount(at, rand(60), ts, rand(3) ? rand(30) : null));
      else if (kind === 2) e.apply(camera(at, rand(20), ts));
      else if (kind === 3) e.apply(people(at, `r${rand(3)}`, rand(10), ts));
      else if (kind === 4) e.apply(users(at, rand(40), ts));
      else e.apply(exit(`d${rand(80)}`, "f1", ts));
      if (i % 50 === 0) {
        for (const l of e.locations()) {
          if (!l.parentId) continue;
          const child = e.occupancy(l.id);
          if (child.source !== null)
            expect(e.occupancy(l.parentId).count, `${l.parentId} ≥ ${l.id} at ${ts}`).toBeGreaterThanOrEqual(
              child.count,
            );
        }
      }
    }
  });

  it("shows a Wi-Fi-only room that empties as 0 with when the last device left, stale only when the stream stops", () => {
    const e = createEngine();
    e.apply(change("ADD", chainOf("z1"), 0));
    e.setZonePolygon("z1", square(0, 0, 10));
    e.apply(located("d1", "f1", 1000, 5, 5));
    e.apply(located("d2", "f1", 2000, 5, 5));
    e.apply(exit("d1", "f1", 3000));
    e.apply(exit("d2", "f1", 4000));
    e.apply(keepAlive(4000 + 2 * STALE_AFTER_MS)); // hours of nobody
    const z1 = e.occupancy("z1");
    expect(z1).toMatchObject({ count: 0, source: "wifi_devices", emptySince: 4000 });
    const now = 4000 + 2 * STALE_AFTER_MS;
    expect(freshness(z1, now, now - 1000)).toEqual({ state: "live" }); // the stream is still heard
    expect(freshness(z1, now, now - STALE_AFTER_MS - 1)).toEqual({ state: "stale", since: now - STALE_AFTER_MS - 1 });
  });
});

describe("a parent's shown number and its children's", () => {
  it("never shows fewer than its children's shown numbers added up, whatever the rounding", () => {
    const child = (value: number) => ({
      ...NO_ESTIMATE,
      value,
      count: Math.round(value),
      source: "wifi_devices" as const,
      at: 1,
    });
    const parent = estimate({
      own: {} as Parameters<typeof estimate>[0]["own"],
      ratio: { ratio: 1.7, learned: false },
      here: 0,
      activity: undefined,
      children: [child(26.5), child(13.5)],
      childType: "FLOOR",
    });
    expect(parent.value).toBeCloseTo(40, 6);
    expect(parent.count).toBe(41); // 27 + 14 as the floors show them
  });
});
