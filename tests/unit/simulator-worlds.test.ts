import { describe, expect, it } from "vitest";
import envelope from "../fixtures/simulator/envelope.json";
import payloads from "../fixtures/simulator/payloads.json";
import { createWorld } from "@/simulator/world";
import { occupancyAt } from "@/simulator/world-info";
import { WORLDS, type WorldPreset } from "@/simulator/worlds";
import { keysOf, type Rec } from "../helpers/stream-reader";

// The named worlds the accuracy checks run on: each one differs from the demo where it says, sends
// only the documented record shapes, and its ground truth (/admin/occupancy) adds up.

const HOUR = 3_600_000;
const MONDAY_NOON_UTC = Date.UTC(2026, 0, 5, 12);
const P = payloads as unknown as Record<string, string[]>;
const payloadKeyOf: Record<string, string> = { ...envelope.payloadKey, APP_DE_ACTIVATION: "appDeActivation" };

const build = (w: WorldPreset) =>
  createWorld({
    seed: w.seed,
    people: w.people,
    tenants: w.tenants,
    buildings: 1,
    tickMs: 1000,
    updateMs: 5000,
    pii: false,
    plans: w.buildings,
    timeZone: w.timeZone,
    devices: w.devices,
  });

describe("named worlds", () => {
  it("differ in seed, size, buildings, devices per person and sensors", () => {
    const shapes = WORLDS.map((w) => {
      const t = build(w).tenants[0]!;
      return {
        seed: w.seed,
        people: t.people.length,
        buildings: t.tenant.buildings.length,
        devicesPerPerson: Math.round((t.devices.length / t.people.length) * 10) / 10,
        cameras: t.tenant.cameras.length,
        floorCameras: t.tenant.floors.filter((f) => f.cameras.length > 0).length,
        zoneCameras: t.tenant.zones.filter((z) => z.cameras.length > 0).length,
        webex: t.tenant.webex.length,
      };
    });
    expect(WORLDS.length).toBeGreaterThanOrEqual(5);
    for (const k of ["seed", "people", "buildings", "devicesPerPerson", "webex", "zoneCameras"] as const) {
      expect(new Set(shapes.map((s) => s[k])).size, k).toBeGreaterThanOrEqual(3);
    }
    // One world has no people source at all; one has a floor-wide camera over every floor.
    expect(shapes.some((s) => s.cameras === 0 && s.webex === 0)).toBe(true);
    expect(WORLDS.some((w) => build(w).tenants[0]!.tenant.floors.every((f) => f.cameras.length > 0))).toBe(true);
  });

  it("keeps the demo world identical to the default simulator", () => {
    const demo = build(WORLDS.find((w) => w.name === "demo")!);
    const plain = createWorld({
      seed: 1,
      people: 200,
      tenants: 2,
      buildings: 1,
      tickMs: 1000,
      updateMs: 5000,
      pii: false,
    });
    const tick = MONDAY_NOON_UTC / 1000;
    expect(demo.generators[0]!.lines(tick)).toEqual(plain.generators[0]!.lines(tick));
    expect(demo.tenants[0]!.devices.length).toBe(plain.tenants[0]!.devices.length);
  });

  for (const w of WORLDS) {
    describe(w.name, () => {
      const world = build(w);
      const t = world.tenants[0]!;

      it("sends only the documented envelope and payload fields", () => {
        const records: Rec[] = [];
        const from = (MONDAY_NOON_UTC - 2 * HOUR) / 1000;
        for (let k = from; k < from + 180; k++)
          for (const l of world.generators[0]!.lines(k)) records.push(JSON.parse(l) as Rec);
        expect(records.length).toBeGreaterThan(100);
        const wrongEnvelope = records.filter(
          (r) => keysOf(r).join() !== [...envelope.envelope, payloadKeyOf[r.eventType]!].sort().join(),
        );
        expect(wrongEnvelope.slice(0, 2)).toEqual([]);
        for (const r of records) expect(envelope.eventTypesV1).toContain(r.eventType);
        const gaps = new Set(
          records.flatMap((r) =>
            (P[r.eventType] ?? [])
              .filter((f) => !(f in (r[payloadKeyOf[r.eventType]!] as object)))
              .map((f) => `${r.eventType}.${f}`),
          ),
        );
        expect([...gaps]).toEqual([]);
      });

      it("tells who is where: buildings sum their floors, zones fit in their floor, sensors never see more than are there", () => {
        for (const hour of [3, 9, 12.5, 18]) {
          const truth = occupancyAt(world, 0, (MONDAY_NOON_UTC + (hour - 12) * HOUR) / 1000);
          const floorPeople = new Map(truth.floors.map((f) => [f.locationId, f.people!]));
          let total = 0;
          for (const b of t.tenant.buildings) {
            const tb = truth.buildings.find((x) => x.locationId === b.locationId)!;
            const sum = b.floors.reduce((n, f) => n + floorPeople.get(t.tenant.floors[f]!.locationId)!, 0);
            expect(tb.people).toBe(sum);
            total += sum;
          }
          expect(total).toBeGreaterThan(0);
          expect(total).toBeLessThanOrEqual(t.people.length);
          for (const f of t.tenant.floors) {
            const zoneSum = f.zones.reduce(
              (n, zi) => n + truth.zones.find((z) => z.locationId === t.tenant.zones[zi]!.locationId)!.people!,
              0,
            );
            // Zones are sampled a moment earlier than floors (cameras' 2 s cadence); a few may have walked.
            expect(zoneSum).toBeLessThanOrEqual(floorPeople.get(f.locationId)! + 3);
          }
          for (const z of truth.zones) {
            if (z.camera !== null) expect(z.camera).toBeLessThanOrEqual(z.people!);
            if (z.webex !== null) expect(z.webex).toBe(z.people);
          }
        }
      });
    });
  }
});
