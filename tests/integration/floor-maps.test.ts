import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFloorMaps, type FloorMaps } from "@/lib/ingest/floor-maps";
import { createPipeline, type Pipeline } from "@/lib/ingest/pipeline";
import { createEngine } from "@/lib/occupancy/engine";
import { createLogger } from "@/lib/log";
import { feetToImage } from "@/lib/maps/coords";
import { createSpacesClient } from "@/lib/spaces/client";
import { createDb, type Db } from "@/lib/store/db";
import { upsertLocations } from "@/lib/store/locations";
import { findMapImage, findMapMeta } from "@/lib/store/map-images";
import { applyMigrations } from "@/lib/store/migrate";
import { createSimulator, type Simulator } from "@/simulator/server";
import { clockAt, json, readStream } from "../helpers/stream-reader";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";
import type { WorldInfo } from "../helpers/simulator-world";

// Floor plans from the documented shapes only: Map Image Info gives pixels, the floor's feet come from
// Location Info, and the dots the app draws land on the plan. Real simulator over HTTP, real SQLite,
// the real decoder, engine and map fetcher.

let sim: Simulator;
let world: WorldInfo;
let db: Db;
let dir: string;
let pipeline: Pipeline;
let maps: FloorMaps;
let tenantId: string;
const now = clockAt(10); // a Monday morning: people on every floor

/** Floor maps for the simulated world's tenant; `o` says what it learns and how often it checks again. */
const mapsOfWorld = (o: Pick<Parameters<typeof createFloorMaps>[0], "learn" | "revalidateMs">) =>
  createFloorMaps({
    client: createSpacesClient(sim.url),
    apiKey: sim.partnerKey,
    partnerTenantId: () => world.partnerTenantId,
    tenantId,
    db,
    log: createLogger("silent"),
    ...o,
  });

beforeAll(async () => {
  sim = await createSimulator({ seed: 4, tenants: 1, buildings: 2, hierarchy: "network", now });
  world = await json<WorldInfo>(await fetch(`${sim.url}/admin/world?tenant=0`));
  dir = tempDir();
  const url = `file:${join(dir, "floorpulse.db")}`;
  await applyMigrations(ROOT, url);
  db = createDb(url);
  tenantId = (await db.tenant.create({ data: { partnerTenantId: world.partnerTenantId, name: "Demo" } })).id;
  maps = mapsOfWorld({
    learn: (chain, mapId, timeZone) =>
      pipeline.engine.apply({
        uid: "",
        ts: pipeline.engine.clock,
        spacesTenantId: "",
        partnerTenantId: world.partnerTenantId,
        type: "LOCATION_CHANGE",
        chain,
        change: "UPDATE",
        mapId,
        timeZone: timeZone || null,
        dimension: null,
      }),
  });
  pipeline = createPipeline({ partnerTenantId: world.partnerTenantId, onLocationChange: (e) => maps.changed(e) });
  // Ten minutes of the stream, as a worker reads it; then what the worker does with each drain.
  const read = await readStream(sim.url, sim.partnerKey, {
    from: now() - 10 * 60_000,
    until: (lines) => lines.length >= 6000,
    maxMs: 20_000,
  });
  for (const line of read.lines) pipeline.accept(line);
  pipeline.settle();
  const changes = pipeline.drain();
  await upsertLocations(db, tenantId, changes.locations);
  for (const l of changes.locations) maps.seen(l);
  await maps.idle();
  // Location Info may have taught the tree something: the worker stores and follows it the same way.
  const more = pipeline.drain().locations;
  await upsertLocations(db, tenantId, more);
  for (const l of more) maps.seen(l);
  await maps.idle();
}, 60_000);

afterAll(async () => {
  maps?.close();
  await sim?.close();
  await db?.$disconnect();
  if (dir) removeDir(dir);
});

describe("floor plans from the documented shapes", () => {
  it("takes each floor's size in feet from Location Info, since Map Image Info has none", async () => {
    for (const f of world.floors) {
      const meta = await findMapMeta(db, f.mapId);
      expect(meta, f.name).not.toBeNull();
      expect(meta).toMatchObject({
        imageWidth: f.imageWidth,
        imageHeight: f.imageHeight,
        widthFt: f.widthFt,
        lengthFt: f.lengthFt,
        offsetXFt: 0,
        offsetYFt: 0,
      });
    }
  });

  it("draws every device of every floor inside its plan", async () => {
    let dots = 0;
    for (const f of world.floors) {
      const meta = (await findMapMeta(db, f.mapId))!;
      const points = pipeline.engine.devicesOn(f.locationId);
      expect(points.length, `devices on ${f.name}`).toBeGreaterThan(0);
      for (const [, x, y] of points) {
        const [px, py] = feetToImage(meta, x, y);
        expect(px, `${f.name} x`).toBeGreaterThanOrEqual(0);
        expect(px, `${f.name} x`).toBeLessThanOrEqual(meta.imageWidth);
        expect(py, `${f.name} y`).toBeGreaterThanOrEqual(0);
        expect(py, `${f.name} y`).toBeLessThanOrEqual(meta.imageHeight);
        // Where the simulator drew that spot on its plan (feet times its pixels per foot), not feet taken as pixels.
        expect(px).toBeCloseTo((x * f.imageWidth) / f.widthFt, 6);
        expect(py).toBeCloseTo((y * f.imageHeight) / f.lengthFt, 6);
        dots++;
      }
    }
    expect(dots).toBeGreaterThan(20);
  });

  it("fills each building's time zone from Location Info", async () => {
    const buildings = await db.location.findMany({ where: { tenantId, type: "BUILDING" } });
    expect(buildings.length).toBe(2); // NETWORK-only nodes standing for their buildings
    for (const b of buildings) expect(b.timeZone).toBe("Europe/London");
  });

  it("shows a re-uploaded plan after one ETag check, and keeps an unchanged one", async () => {
    const [f, other] = world.floors;
    const before = (await findMapImage(db, f!.mapId))!;
    const untouched = (await db.mapImage.findUnique({ where: { mapId: other!.mapId } }))!;
    const plan = `<svg xmlns="http://www.w3.org/2000/svg" width="${f!.imageWidth}" height="${f!.imageHeight}"><text y="40">New plan</text></svg>`;
    expect(
      (
        await fetch(`${sim.url}/admin/maps/${f!.mapId}/image`, {
          method: "PUT",
          headers: { "Content-Type": "image/svg+xml" },
          body: plan,
        })
      ).status,
    ).toBe(200);
    await maps.revalidate();
    const after = (await findMapImage(db, f!.mapId))!;
    expect(after.etag).not.toBe(before.etag);
    expect(Buffer.from(after.bytes).toString()).toBe(plan);
    expect(after.widthFt).toBe(f!.widthFt); // the floor's dimension survives a new image
    const still = (await db.mapImage.findUnique({ where: { mapId: other!.mapId } }))!;
    expect(still.fetchedAt.getTime()).toBe(untouched.fetchedAt.getTime()); // 304: not written again
  });

  it("checks a floor's plan again when LOCATION_CHANGE says the floor changed", async () => {
    const f = world.floors[1]!;
    const before = (await findMapImage(db, f.mapId))!;
    const plan = `<svg xmlns="http://www.w3.org/2000/svg" width="${f.imageWidth}" height="${f.imageHeight}"><text y="40">Renovated</text></svg>`;
    await fetch(`${sim.url}/admin/maps/${f.mapId}/image`, {
      method: "PUT",
      headers: { "Content-Type": "image/svg+xml" },
      body: plan,
    });
    const renamed = await json<{ timestamp: number }>(
      await fetch(`${sim.url}/admin/locations/${f.locationId}`, {
        method: "POST",
        body: JSON.stringify({ name: `${f.name} (renovated)` }),
      }),
    );
    const read = await readStream(sim.url, sim.partnerKey, {
      from: renamed.timestamp - 1000,
      until: (lines) => lines.some((l) => l.includes('"LOCATION_CHANGE"')),
    });
    for (const line of read.lines.filter((l) => l.includes('"LOCATION_CHANGE"'))) pipeline.accept(line);
    pipeline.settle();
    await maps.idle();
    const after = (await findMapImage(db, f.mapId))!;
    expect(after.etag).not.toBe(before.etag);
    expect(Buffer.from(after.bytes).toString()).toBe(plan);
    expect(pipeline.engine.location(f.locationId)?.name).toBe(`${f.name} (renovated)`);
  });
});

describe("periodic revalidation", () => {
  it("picks up a plan re-uploaded in Cisco Spaces on its own, at the next timed check", async () => {
    const f = world.floors[0]!;
    const timed = mapsOfWorld({
      learn: () => {},
      revalidateMs: 300,
    });
    timed.seen({ id: f.locationId, name: f.name, type: "ZONE", parentId: null, mapId: f.mapId }); // tracks the map, asks nothing else
    await timed.idle();
    const plan = `<svg xmlns="http://www.w3.org/2000/svg" width="${f.imageWidth}" height="${f.imageHeight}"><text y="40">Timed</text></svg>`;
    await fetch(`${sim.url}/admin/maps/${f.mapId}/image`, {
      method: "PUT",
      headers: { "Content-Type": "image/svg+xml" },
      body: plan,
    });
    await vi.waitFor(async () => expect(Buffer.from((await findMapImage(db, f.mapId))!.bytes).toString()).toBe(plan), {
      timeout: 10_000,
      interval: 100,
    });
    timed.close();
    await timed.idle();
  });
});

describe("Location Info fills what events lack", () => {
  it("gives a floor sent alone (no parent, no name) its name, its building and its map", async () => {
    const f = world.floors[0]!;
    const engine = createEngine();
    const fill = mapsOfWorld({
      learn: (chain, mapId) =>
        engine.apply({
          uid: "",
          ts: engine.clock,
          spacesTenantId: "",
          partnerTenantId: "",
          type: "LOCATION_CHANGE",
          chain,
          change: "UPDATE",
          mapId,
          timeZone: null,
          dimension: null,
        }),
    });
    // A chain cut short by the app's location-type settings: the floor alone, without a name.
    engine.apply({
      uid: "u1",
      ts: now(),
      spacesTenantId: "",
      partnerTenantId: "",
      type: "DEVICE_ENTRY",
      chain: [{ locationId: f.locationId, name: "", inferredLocationTypes: ["FLOOR"], parentId: null }],
      deviceId: "d1",
    });
    for (const l of engine.drain().locations) fill.seen(l);
    await fill.idle();
    fill.close();
    const floor = engine.location(f.locationId)!;
    expect(floor.name).toMatch(new RegExp(`^${f.name}`));
    expect(floor.mapId).toBe(f.mapId);
    const building = engine.location(floor.parentId!)!;
    expect(building.type).toBe("BUILDING"); // a NETWORK-only node with the floor under it
    expect(engine.occupancy(building.id).count).toBe(1); // the device counts for its building now
  });
});
