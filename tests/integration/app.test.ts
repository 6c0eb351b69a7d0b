import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { RESUME_OVERLAP_MS } from "@/lib/ingest/pipeline";
import { createDb } from "@/lib/store/db";
import { freePort, removeDir, startApp, tempDir, type AppServer } from "../helpers/app-server";
import { until } from "../helpers/poll";
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

  const snapshot = () =>
    new Promise<LocationSnapshot>((resolve, reject) =>
      socket.emit("location:watch", null, (s: LocationSnapshot | WatchError) =>
        "error" in s ? reject(new Error(s.error)) : resolve(s),
      ),
    );

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
    const first = await snapshot();
    const floorIds = first.locations.filter((l) => l.type === "FLOOR").map((l) => l.id);
    const changed = await waitFor(socket, "location:delta", (d) =>
      d.scope === null ? floorIds.find((id) => d.counts[id]) : undefined,
    );
    expect(floorIds).toContain(changed);
    const snap = await snapshot();
    const floors = snap.locations.filter((l) => l.type === "FLOOR");
    expect(floors.map((f) => f.name).sort()).toEqual(["Floor 1", "Floor 2"]);
    expect(floors.every((f) => snap.counts[f.id] && snap.counts[f.id]!.source !== null)).toBe(true);
    expect(snap.ingest.state).toBe("connected");
  });

  it("a watcher of one floor receives that floor's counts and nothing from its sibling", async () => {
    const all = await snapshot();
    const [f1, f2] = ["Floor 1", "Floor 2"].map((n) => all.locations.find((l) => l.name === n)!);
    const scoped = await new Promise<LocationSnapshot | WatchError>((resolve) =>
      socket.emit("location:watch", f1!.id, resolve),
    );
    if ("error" in scoped) throw new Error(scoped.error);
    // The floor and its zones, nothing else.
    expect(scoped.locations.map((l) => l.id)).toContain(f1!.id);
    expect(scoped.locations.every((l) => l.id === f1!.id || l.parentId === f1!.id)).toBe(true);
    const deltas: string[][] = [];
    await waitFor(socket, "location:delta", (d) => {
      if (d.scope !== f1!.id) return undefined;
      deltas.push(Object.keys(d.counts));
      return deltas.length >= 2 ? true : undefined;
    });
    expect(deltas.flat()).not.toContain(f2!.id);
    const unknown = await new Promise<LocationSnapshot | WatchError>((resolve) =>
      socket.emit("location:watch", "location-elsewhere", resolve),
    );
    expect(unknown).toEqual({ error: "unknown location" });
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
    const seen = waitFor(socket, "location:delta", (d) =>
      d.locations.find((l) => l.id === floor.id && l.capacity === 42),
    );
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
    const bad = await fetch(`${app.url}/api/locations/${floor.id}`, {
      method: "PUT",
      body: JSON.stringify({ capacity: -3 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/whole number/);
    const missing = await fetch(`${app.url}/api/locations/location-nope`, {
      method: "PUT",
      body: JSON.stringify({ capacity: 5 }),
    });
    expect(missing.status).toBe(404);
  });

  it("serves the floor map image through its own proxy, never exposing the API key", async () => {
    const snap = await snapshot();
    const floor = snap.locations.find((l) => l.type === "FLOOR" && l.mapId)!;
    const res = await fetch(`${app.url}/api/maps/${floor.mapId}/image`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(await res.text()).toContain("<svg");
    const again = await fetch(`${app.url}/api/maps/${floor.mapId}/image`, {
      headers: { "If-None-Match": res.headers.get("etag")! },
    });
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
      const startedFrom = Date.parse((await first.waitFor(/"resumeFrom":"([^"]+)"/))[1]!);
      await first.waitFor(/firehose connected/);
      // Records are being applied (their locations are stored as soon as they are learned).
      const db = createDb(`file:${join(dir, "floorpulse.db")}`);
      await until(
        "records applied",
        () => db.location.count(),
        (n) => n > 0,
        30_000,
      );
      expect(await first.stop("SIGTERM")).toBe(0);
      await first.waitFor(/"msg":"ingest stopped"/);

      // Everything applied before the signal is in the checkpoint.
      const cp = Number((await db.checkpoint.findFirst())?.recordTimestamp);
      await db.$disconnect();
      expect(cp).toBeGreaterThan(startedFrom);

      const second = await startApp(env, { dir });
      try {
        await second.waitFor(/"checkpoint":true/);
        const resumedFrom = Number((await second.waitFor(/"fromTimestamp":(\d+),"msg":"firehose connected"/))[1]);
        expect(resumedFrom).toBe(cp - RESUME_OVERLAP_MS);
        expect(second.output()).not.toMatch(/"msg":"activated"/); // the stored activation is reused, not spent again
      } finally {
        await second.stop();
      }
    } finally {
      removeDir(dir);
    }
  });
});
