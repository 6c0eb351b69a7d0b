import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLine, type FirehoseEvent } from "@/lib/firehose/decode";
import { createEngine, type Engine, type EngineSnapshot } from "@/lib/occupancy/engine";
import type { Changes } from "@/lib/occupancy/types";
import * as ev from "./engine-events";
import { FIXTURE_PERSONAL } from "../helpers/pii";

// A checkpoint holds the engine's snapshot: stopping, restoring and continuing must give exactly what
// never stopping gives, and nothing personal may leave the engine.

type Op =
  | { kind: "event"; e: FirehoseEvent }
  | { kind: "drain" }
  | { kind: "polygon"; zone: string; points: Array<[number, number]> | null };

/** A deterministic day in miniature: every event kind, out-of-order and duplicate deliveries, quiet gaps. */
function scenario(seed: number, length: number): Op[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const places = ["f1", "f2", "f3", "z1", "z2", "b", "b2"] as const;
  const floors = ["f1", "f2", "f3", "z1", "z2"] as const;
  const ops: Op[] = [];
  let ts = 1_700_000_000_000;
  let last: FirehoseEvent | null = null;
  for (let i = 0; i < length; i++) {
    const r = rand();
    ts += r < 0.02 ? 11 * ev.MIN + Math.floor(rand() * 6 * ev.MIN) : Math.floor(rand() * 20_000);
    const at = rand() < 0.1 ? ts - Math.floor(rand() * 90_000) : ts; // a late delivery from another partition
    const device = `device-${Math.floor(rand() * 25)}`;
    const k = rand();
    let e: FirehoseEvent;
    if (k < 0.4) e = ev.located(device, pick(floors), at, Math.round(rand() * 400) / 10, Math.round(rand() * 400) / 10);
    else if (k < 0.5)
      e = ev.presence(
        device,
        pick(places),
        pick(["entry", "active", "inactive", "exit", "other"] as const),
        at,
        rand() < 0.5 ? Math.floor(rand() * 30) : null,
      );
    else if (k < 0.53) e = ev.entry(device, pick(floors), at);
    else if (k < 0.57) e = ev.exit(device, pick(floors), at);
    else if (k < 0.62) e = ev.users(pick(places), Math.floor(rand() * 50), at);
    else if (k < 0.66) e = ev.deviceCount(pick(places), Math.floor(rand() * 50), at);
    else if (k < 0.7) e = ev.camera(pick(places), Math.floor(rand() * 20), at);
    else if (k < 0.75)
      e = ev.rawCamera(pick(places), pick(["cam-a", "cam-b"]), Math.floor(rand() * 9), at, pick(["", "zone-1"]));
    else if (k < 0.81)
      e = ev.people(
        pick(places),
        pick(["tp-1", "tp-2", "space:1"]),
        rand() < 0.1 ? null : Math.floor(rand() * 12),
        at,
        pick(["TP_PEOPLE_COUNT_UPDATE", "WEBEX_TELEMETRY", "SPACE_OCCUPANCY", "IOT_TELEMETRY"] as const),
      );
    else if (k < 0.83)
      e = ev.change("MOVE", [ev.node("z2", ["ZONE"], pick(["f1", "f2"])), ...ev.chainOf(pick(["f1", "f2"]))], at);
    else if (k < 0.84) e = ev.change(pick(["REMOVE", "ADD"] as const), ev.chainOf(pick(["f3", "z1"])), at, "map-x");
    else if (k < 0.86) e = ev.tenant(pick(["APP_ACTIVATION", "APP_DE_ACTIVATION"] as const), at, pick(["t1", "t2"]));
    else if (k < 0.88)
      e = ev.info(
        pick(["NETWORK_TELEMETRY", "BLE_RSSI_UPDATE", "PROFILE_UPDATE"] as const),
        rand() < 0.5 ? pick(places) : null,
        at,
      );
    else if (k < 0.9 && last)
      e = last; // a duplicate delivery
    else e = ev.keepAlive(ts);
    last = e;
    ops.push({ kind: "event", e });
    if (rand() < 0.15) ops.push({ kind: "drain" });
    if (rand() < 0.01)
      ops.push({
        kind: "polygon",
        zone: pick(["z1", "z2"]),
        points:
          rand() < 0.2
            ? null
            : [
                [0, 0],
                [20, 0],
                [20, 20],
                [0, 20],
              ],
      });
  }
  ops.push({ kind: "drain" });
  return ops;
}

function run(ops: Op[], cutEvery: number | null, onCut?: (engine: Engine, restored: Engine) => void) {
  let engine = createEngine();
  const drains: Changes[] = [];
  ops.forEach((op, i) => {
    if (cutEvery && i > 0 && i % cutEvery === 0) {
      const restored = createEngine(JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot);
      onCut?.(engine, restored);
      engine = restored;
    }
    if (op.kind === "event") engine.apply(op.e);
    else if (op.kind === "polygon") engine.setZonePolygon(op.zone, op.points);
    else drains.push(engine.drain());
  });
  return { engine, drains };
}

const everything = (e: Engine) => ({
  clock: e.clock,
  locations: e.locations(),
  occupancy: e.locations().map((l) => [l.id, e.occupancy(l.id)]),
  devices: e.locations().map((l) => [l.id, e.devicesOn(l.id)]),
  tenants: e.tenants(),
});

describe("occupancy engine: snapshot and restore", () => {
  it("continues exactly as if it had never stopped, wherever it is stopped", () => {
    for (const seed of [1, 2, 3]) {
      const ops = scenario(seed, 1500);
      const clean = run(ops, null);
      for (const cutEvery of seed === 1 ? [1, 13, 250] : [13, 250]) {
        const resumed = run(ops, cutEvery);
        expect(JSON.stringify(resumed.drains)).toBe(JSON.stringify(clean.drains));
        expect(everything(resumed.engine)).toEqual(everything(clean.engine));
        expect(JSON.stringify(resumed.engine.snapshot())).toBe(JSON.stringify(clean.engine.snapshot()));
      }
      // The scenario exercises what it claims to.
      const counts = clean.drains.flatMap((d) => Object.values(d.counts));
      expect(new Set(counts.map((c) => c.source))).toEqual(
        new Set(["camera", "people", "wifi_users", "wifi_devices", null]),
      );
      expect(counts.some((c) => c.rollup && c.mixed)).toBe(true);
      expect(clean.drains.some((d) => d.removedLocations.length)).toBe(true);
      expect(clean.drains.some((d) => d.tenants.length)).toBe(true);
    }
  });

  it("answers from its running state exactly what a fresh restore computes from scratch", () => {
    const ops = scenario(4, 2000);
    let checks = 0;
    run(ops, 50, (engine, restored) => {
      expect(everything(restored)).toEqual(everything(engine));
      checks++;
    });
    expect(checks).toBeGreaterThan(30);
  });

  it("refuses a snapshot of another version", () => {
    expect(() => createEngine({ v: 2 } as unknown as EngineSnapshot)).toThrow(/version/);
  });
});

describe("occupancy engine: privacy", () => {
  it("keeps MAC addresses, e-mails, names and phones out of changes and snapshots, and device ids out of changes", () => {
    const dir = new URL("../fixtures/firehose/", import.meta.url);
    const engine = createEngine();
    const out: unknown[] = [];
    for (const file of readdirSync(dir).filter((f) => /^[A-Z_]+\.json$/.test(f))) {
      const r = decodeLine(JSON.stringify(JSON.parse(readFileSync(new URL(file, dir), "utf8"))));
      if (!r.ok) throw new Error(`${file}: ${r.detail}`);
      engine.apply(r.event);
      out.push(engine.drain());
    }
    const changes = JSON.stringify(out);
    const snapshot = JSON.stringify(engine.snapshot());
    for (const secret of FIXTURE_PERSONAL) {
      expect(changes).not.toContain(secret);
      expect(snapshot).not.toContain(secret);
    }
    expect(changes).not.toContain("device-");
    expect(changes).toContain('"count":17'); // the stream did produce counts
  });
});
