import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { OverviewSnapshot } from "@/lib/realtime/protocol";
import { createDb } from "@/lib/store/db";
import { freePort, removeDir, startApp, tempDir, type AppServer } from "../helpers/app-server";
import { connectSocket, waitFor, type TestSocket } from "../helpers/socket";

describe("server.ts with the built-in simulator", () => {
  let app: AppServer;
  let socket: TestSocket;

  beforeAll(async () => {
    app = await startApp({ SIMULATOR_TICK_MS: "200" });
    socket = await connectSocket(app.url);
  });
  afterAll(async () => {
    socket?.close();
    await app?.stop();
  });

  const snapshot = () => new Promise<OverviewSnapshot>((resolve) => socket.emit("overview:watch", resolve));

  it("activates the demo tenant through the documented token flow", async () => {
    expect(app.output()).toMatch(/"msg":"activated"/);
    const db = createDb(`file:${join(app.dir, "floorpulse.db")}`);
    const rows = await db.activation.findMany();
    await db.$disconnect();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "single-tenant", status: "active" });
    expect(rows[0]!.apiKey.length).toBeGreaterThan(20);
  });

  it("delivers occupancy deltas for events the simulator streamed", async () => {
    await snapshot();
    const floorCount = await waitFor(socket, "overview:delta", (d) => {
      const floors = d.locations.filter((l) => l.type === "FLOOR").map((l) => l.id);
      const id = Object.keys(d.counts).find((k) => floors.includes(k) || k.startsWith("location-"));
      return id ? d.counts[id] : undefined;
    });
    expect(floorCount.count).toBeGreaterThanOrEqual(0);
    const snap = await snapshot();
    const floors = snap.locations.filter((l) => l.type === "FLOOR");
    expect(floors.map((f) => f.name).sort()).toEqual(["Floor 1", "Floor 2"]);
    expect(floors.every((f) => snap.counts[f.id] && snap.counts[f.id]!.source !== null)).toBe(true);
    expect(snap.ingest.state).toBe("connected");
  });

  it("streams device positions for a watched floor, numbered without gaps", async () => {
    const snap = await snapshot();
    const floor = snap.locations.find((l) => l.name === "Floor 2")!;
    const floorSnap = await new Promise<unknown>((resolve) => socket.emit("floor:watch", floor.id, resolve));
    expect(floorSnap).toMatchObject({ floorId: floor.id });
    const start = (floorSnap as { seq: number }).seq;
    const seqs: number[] = [];
    await waitFor(socket, "floor:delta", (d) => {
      seqs.push(d.seq);
      return seqs.length >= 3 ? true : undefined;
    });
    expect(seqs).toEqual([start + 1, start + 2, start + 3]);
  });

  it("a route handler's publish reaches the Socket.IO server that server.ts created", async () => {
    const snap = await snapshot();
    const floor = snap.locations.find((l) => l.type === "FLOOR")!;
    const seen = waitFor(socket, "overview:delta", (d) => d.locations.find((l) => l.id === floor.id && l.capacity === 42));
    const res = await fetch(`${app.url}/api/locations/${floor.id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ capacity: 42 }),
    });
    expect(res.status).toBe(200);
    expect((await seen).capacity).toBe(42);
  });

  it("rejects a bad capacity with a clear error and changes nothing", async () => {
    const snap = await snapshot();
    const floor = snap.locations.find((l) => l.type === "FLOOR")!;
    const bad = await fetch(`${app.url}/api/locations/${floor.id}`, { method: "PUT", body: JSON.stringify({ capacity: -3 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/whole number/);
    const missing = await fetch(`${app.url}/api/locations/location-nope`, { method: "PUT", body: JSON.stringify({ capacity: 5 }) });
    expect(missing.status).toBe(404);
  });

  it("serves the floor map image through its own proxy, never exposing the API key", async () => {
    const snap = await snapshot();
    const floor = snap.locations.find((l) => l.type === "FLOOR" && l.mapId)!;
    const res = await fetch(`${app.url}/api/maps/${floor.mapId}/image`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(await res.text()).toContain("<svg");
    const again = await fetch(`${app.url}/api/maps/${floor.mapId}/image`, { headers: { "If-None-Match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${app.url}/api/maps/..%2F..%2Fetc/image`)).status).toBe(400);
  });
});

describe("shutdown and restart", () => {
  it("flushes the checkpoint on SIGTERM and resumes from it on the next start", async () => {
    const dir = tempDir();
    const env = { SIMULATOR_TICK_MS: "200", SIMULATOR_PORT: String(await freePort()) };
    try {
      const first = await startApp(env, { dir });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await first.stop("SIGTERM")).toBe(0);
      expect(first.output()).toMatch(/"msg":"ingest stopped"/);

      const db = createDb(`file:${join(dir, "floorpulse.db")}`);
      const cp = await db.checkpoint.findFirst();
      await db.$disconnect();
      expect(Number(cp?.recordTimestamp)).toBeGreaterThan(Date.now() - 60_000);

      const second = await startApp(env, { dir });
      try {
        expect(second.output()).toMatch(/"checkpoint":true/);
        expect(second.output()).not.toMatch(/"msg":"activated"/); // the stored activation is reused, not spent again
      } finally {
        await second.stop();
      }
    } finally {
      removeDir(dir);
    }
  });
});
