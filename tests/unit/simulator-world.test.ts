import { describe, expect, it } from "vitest";
import { createWorld, type WorldOptions } from "@/simulator/world";
import { occupancyAt } from "@/simulator/world-info";

// The simulated building, as a pure function of (seed, time): the default world is never empty,
// follows a working day in the tenant's time zone, and its counts agree with its people.

const MIN = 60_000;
const HOUR = 60 * MIN;
const MONDAY = Date.UTC(2026, 0, 5); // London is on UTC in January
/** The default world at one-second ticks; `o` says what differs. */
const worldOf = (o: Partial<WorldOptions> = {}) =>
  createWorld({ seed: 1, people: 200, tenants: 2, buildings: 1, tickMs: 1000, updateMs: 5000, pii: false, ...o });
const world = worldOf();
const g = world.generators[0]!;
const t = world.tenants[0]!.tenant;
const tick = (ms: number) => Math.floor(ms / 1000);
const present = (ms: number) => g.counts(tick(ms)).floorPeople.reduce((a, b) => a + b, 0);

describe("the default world (seed 1)", () => {
  it("keeps HQ with Floor 1 and Floor 2, and zones inside them", () => {
    expect(t.buildings.map((b) => b.name)).toEqual(["HQ"]);
    expect(t.floors.map((f) => f.name)).toEqual(["Floor 1", "Floor 2"]);
    expect(t.zones.length).toBeGreaterThanOrEqual(8);
    expect(t.zones.filter((z) => z.kind === "meeting").length).toBeGreaterThanOrEqual(3);
    expect(t.floors[0]!.cameras.length).toBeGreaterThan(0);
    expect(t.floors[1]!.cameras).toEqual([]);
    expect(t.zones.some((z) => t.floors[z.floor]!.name === "Floor 2" && z.cameras.length > 0)).toBe(true);
    expect(t.webex.length).toBeGreaterThanOrEqual(3);
  });

  it("is never empty: at least 15% of its people at every moment of a week, on every floor", () => {
    let minShare = 1;
    let minPerFloor = Infinity;
    for (let at = MONDAY; at < MONDAY + 7 * 24 * HOUR; at += 10 * MIN) {
      const c = g.counts(tick(at));
      minShare = Math.min(minShare, present(at) / 200);
      minPerFloor = Math.min(minPerFloor, ...c.floorPeople);
    }
    expect(minShare).toBeGreaterThanOrEqual(0.15);
    expect(minPerFloor).toBeGreaterThanOrEqual(3);
  });

  it("follows a working day: quiet at night, people arrive in the morning, peak at lunch, leave in the evening", () => {
    const at = (h: number) => present(MONDAY + h * HOUR);
    expect(at(3)).toBeLessThan(at(10) / 2);
    expect(at(10)).toBeGreaterThan(at(7.5));
    expect(Math.max(at(12.25), at(12.5), at(12.75))).toBeGreaterThan(at(10));
    expect(at(20)).toBeLessThan(at(15) / 2);
  });

  it("uses the tenant's time zone: the New York branch fills up five hours after London", () => {
    const branch = world.generators[1]!;
    const total = (ms: number) => branch.counts(tick(ms)).floorPeople.reduce((a, b) => a + b, 0);
    expect(world.tenants[1]!.tenant.timeZone).toBe("America/New_York");
    expect(total(MONDAY + 15 * HOUR)).toBeGreaterThan(total(MONDAY + 10 * HOUR) * 1.5);
  });

  it("gives each person one to three devices", () => {
    const { people } = world.tenants[0]!;
    const sizes = new Set(people.map((p) => p.devices.length));
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(3);
  });

  it("counts what it simulates: cameras, Webex rooms, floors and presence agree with the people", () => {
    const o = occupancyAt(world, 0, tick(MONDAY + 11 * HOUR + 17 * MIN));
    const floorsPeople = o.floors.reduce((s, f) => s + (f.people ?? 0), 0);
    const devices = o.devices.filter((d) => !d.filtered);
    expect(o.floors.reduce((s, f) => s + (f.devices ?? 0), 0)).toBe(devices.length);
    expect(o.buildings[0]!.activeDevices! + o.buildings[0]!.inactiveDevices!).toBe(devices.length);
    expect(devices.filter((d) => d.state === "inactive").length).toBe(o.buildings[0]!.inactiveDevices);
    expect(o.buildings[0]!.activeUsers! + o.buildings[0]!.inactiveUsers!).toBe(floorsPeople);
    for (const z of o.zones) {
      if (z.webex !== null) expect(z.webex).toBe(z.people);
      if (z.camera !== null) expect(z.camera).toBeLessThanOrEqual(z.people!);
    }
    const floor1 = o.floors[0]!;
    expect(floor1.camera).toBeLessThanOrEqual(floor1.people!);
    expect(floor1.camera).toBeGreaterThan(floor1.people! * 0.6);
    expect(o.floors[1]!.camera).toBeNull();
  });

  it("keeps people on the map: positions in feet inside their floor", () => {
    const o = occupancyAt(world, 0, tick(MONDAY + 14 * HOUR));
    for (const d of o.devices) {
      const f = t.floors.find((x) => x.locationId === d.floorId)!;
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x).toBeLessThanOrEqual(f.widthFt);
      expect(d.y).toBeGreaterThanOrEqual(0);
      expect(d.y).toBeLessThanOrEqual(f.lengthFt);
    }
  });

  it("moves people: device positions change within 15 seconds, at night too", () => {
    for (const h of [3, 11]) {
      const a = occupancyAt(world, 0, tick(MONDAY + h * HOUR));
      const b = occupancyAt(world, 0, tick(MONDAY + h * HOUR + 15_000));
      const moved = a.devices.filter((d) =>
        b.devices.some((e) => e.deviceId === d.deviceId && (e.x !== d.x || e.y !== d.y)),
      );
      expect(moved.length).toBeGreaterThan(3);
    }
  });

  it("changes the Floor 1 camera count within 45 seconds at any hour", () => {
    for (let h = 0; h < 24; h += 1) {
      const start = tick(MONDAY + h * HOUR);
      const first = occupancyAt(world, 0, start).floors[0]!.camera;
      let changed = false;
      for (let s = 1; s <= 45 && !changed; s++) changed = occupancyAt(world, 0, start + s).floors[0]!.camera !== first;
      expect(changed, `hour ${h}`).toBe(true);
    }
  });
});

describe("determinism", () => {
  it("gives the same records for the same seed, and other records for another seed", () => {
    const again = worldOf({ tenants: 1 }).generators[0]!;
    const other = worldOf({ seed: 2, tenants: 1 }).generators[0]!;
    const start = tick(MONDAY + 9 * HOUR);
    for (let k = start; k < start + 120; k++) expect(again.chunk(k).bytes.equals(g.chunk(k).bytes)).toBe(true);
    expect(other.chunk(start + 5).bytes.equals(g.chunk(start + 5).bytes)).toBe(false);
  });

  it("does not depend on the order ticks are asked for (a replay equals the live run)", () => {
    const fresh = worldOf({ tenants: 1 }).generators[0]!;
    const start = tick(MONDAY + 12 * HOUR);
    const backwards: Buffer[] = [];
    for (let k = start + 59; k >= start; k--) backwards[k - start] = Buffer.from(fresh.chunk(k).bytes);
    for (let k = start; k < start + 60; k++) expect(g.chunk(k).bytes.equals(backwards[k - start]!)).toBe(true);
  });

  it("never repeats a recordUid", () => {
    const seen = new Set<string>();
    const start = tick(MONDAY + 8 * HOUR);
    for (let k = start; k < start + 600; k++) {
      for (const line of g.lines(k)) {
        const uid = (JSON.parse(line) as { recordUid: string }).recordUid;
        expect(seen.has(uid)).toBe(false);
        seen.add(uid);
      }
    }
    expect(seen.size).toBeGreaterThan(10_000);
  });
});

describe("a NETWORK-only world (--hierarchy network)", () => {
  it("types every building as NETWORK alone, like the partner guide's sample hierarchy, and changes nothing else", () => {
    const net = worldOf({ buildings: 2, hierarchy: "network" });
    const typed = worldOf({ buildings: 2 });
    for (const [i, tw] of net.tenants.entries()) {
      const buildingIds = new Set(tw.tenant.buildings.map((b) => b.locationId));
      expect(buildingIds.size).toBeGreaterThan(0);
      for (const n of tw.tenant.nodes) {
        const same = typed.tenants[i]!.tenant.nodes.find((x) => x.locationId === n.locationId)!;
        expect(n.parentId).toBe(same.parentId);
        expect(n.inferredLocationTypes).toEqual(
          buildingIds.has(n.locationId) ? ["NETWORK"] : same.inferredLocationTypes,
        );
      }
    }
  });
});
