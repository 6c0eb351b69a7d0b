import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import envelope from "../fixtures/simulator/envelope.json";
import payloads from "../fixtures/simulator/payloads.json";
import { chainOf, clockAt, json, parse, readStream, type Rec } from "../helpers/stream-reader";
import { createSimulator, type Simulator } from "@/simulator/server";

// GET /api/partners/v1/firehose/events: the key, the framing, keep-alives, replay by fromTimestamp,
// determinism across processes, MAC filters and location changes.

let sim: Simulator;
const now = clockAt(11);
const admin = (path: string, method = "GET", body?: unknown) =>
  fetch(`${sim.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  sim = await createSimulator({ seed: 5, now, tickMs: 500 });
});
afterAll(async () => {
  await sim?.close();
});

describe("the Firehose stream", () => {
  it("requires X-API-KEY", async () => {
    expect((await readStream(sim.url, null, { maxMs: 2000 })).status).toBe(401);
    expect((await readStream(sim.url, "not-a-key", { maxMs: 2000 })).status).toBe(401);
  });

  it("answers 200 with chunked NDJSON, one complete record per line", async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve) => {
      const req = request(
        `${sim.url}/api/partners/v1/firehose/events`,
        { headers: { "X-API-KEY": sim.partnerKey } },
        (res) => {
          resolve({ status: res.statusCode, ...res.headers });
          req.destroy();
        },
      );
      req.end();
    });
    expect(headers.status).toBe(200);
    expect(headers["transfer-encoding"]).toBe("chunked");
    expect(headers["content-type"]).toBe("application/x-ndjson");
    const read = await readStream(sim.url, sim.partnerKey, { until: (l) => l.length >= 50, maxMs: 10_000 });
    const records = parse(read.lines);
    expect(records.length).toBeGreaterThanOrEqual(50);
    for (const r of records) for (const k of envelope.envelope) expect(r).toHaveProperty(k);
  });

  it("replays from fromTimestamp exactly what it sent live", async () => {
    const live = await readStream(sim.url, sim.partnerKey, { maxMs: 3000 });
    const first = parse(live.lines);
    const from = first[0]!.recordTimestamp;
    const until = first.at(-1)!.recordTimestamp;
    const again = await readStream(sim.url, sim.partnerKey, {
      from,
      until: (l) => parse(l.slice(-1))[0]!.recordTimestamp > until,
      maxMs: 10_000,
    });
    const replayed = again.lines.filter((l) => (JSON.parse(l) as Rec).recordTimestamp <= until);
    expect(replayed).toEqual(live.lines.filter((l) => (JSON.parse(l) as Rec).recordTimestamp <= until));
  });

  it("gives another simulator with the same seed the same records, recordUids included", async () => {
    const twin = await createSimulator({ seed: 5, now, tickMs: 500 });
    try {
      const from = now() - 20_000;
      const stop = from + 5000;
      const enough = (l: string[]) => l.length > 0 && (JSON.parse(l.at(-1)!) as Rec).recordTimestamp > stop;
      const a = await readStream(sim.url, sim.partnerKey, { from, until: enough });
      const b = await readStream(twin.url, twin.partnerKey, { from, until: enough });
      const upTo = (lines: string[]) => lines.filter((l) => (JSON.parse(l) as Rec).recordTimestamp <= stop);
      expect(upTo(a.lines).length).toBeGreaterThan(100);
      expect(upTo(b.lines)).toEqual(upTo(a.lines));
    } finally {
      await twin.close();
    }
  });

  it("replays no further back than its window", async () => {
    const short = await createSimulator({ seed: 5, now, replayWindowMs: 60_000 });
    try {
      const read = await readStream(short.url, short.partnerKey, {
        from: now() - 30 * 60_000,
        until: (l) => l.length > 0,
      });
      expect(parse(read.lines)[0]!.recordTimestamp).toBeGreaterThanOrEqual(now() - 62_000);
    } finally {
      await short.close();
    }
  });

  it("sends KEEP_ALIVE after the keep-alive period without other events", async () => {
    const quiet = await createSimulator({ seed: 5, now, keepAliveMs: 400 });
    try {
      const acts = await json<{ activations: Array<{ ref: string }> }>(await fetch(`${quiet.url}/admin/activations`));
      for (const a of acts.activations) await fetch(`${quiet.url}/admin/activations/${a.ref}`, { method: "DELETE" });
      const read = await readStream(quiet.url, quiet.partnerKey, {
        from: now() + 1000,
        until: (l) => l.some((x) => x.includes("KEEP_ALIVE")),
        maxMs: 5000,
      });
      const ka = parse(read.lines).find((r) => r.eventType === "KEEP_ALIVE")!;
      expect(Object.keys(ka).sort()).toEqual(Object.keys(envelope.keepAlive).sort());
      expect([ka.spacesTenantId, ka.spacesTenantName, ka.partnerTenantId]).toEqual(["", "", ""]);
    } finally {
      await quiet.close();
    }
  });

  it("runs simulated time faster with speed", async () => {
    const fast = await createSimulator({ seed: 5, now, speed: 60 });
    try {
      const read = await readStream(fast.url, fast.partnerKey, { maxMs: 2500 });
      const ts = parse(read.lines).map((r) => r.recordTimestamp);
      expect(Math.max(...ts) - Math.min(...ts)).toBeGreaterThan(60_000);
    } finally {
      await fast.close();
    }
  });

  it("streams as fast as the client reads in full-speed mode", async () => {
    const max = await createSimulator({ seed: 5, now, speed: "max" });
    try {
      const start = now();
      const read = await readStream(max.url, max.partnerKey, {
        from: start,
        until: (l) => l.length >= 20_000,
        maxMs: 30_000,
      });
      const records = parse(read.lines);
      expect(records.length).toBeGreaterThanOrEqual(20_000);
      expect(records.at(-1)!.recordTimestamp - start).toBeGreaterThan(60_000);
    } finally {
      await max.close();
    }
  });
});

describe("MAC filters", () => {
  it("leaves a filtered device out of the stream from the moment of the PUT", async () => {
    const world = await json<{ partnerTenantId: string }>(await admin("/admin/world?tenant=0"));
    const occ = await json<{ devices: Array<{ deviceId: string; macAddress: string; sendsLocation: boolean }> }>(
      await admin(`/admin/occupancy?tenant=0&at=${now()}`),
    );
    const target = occ.devices.find((d) => d.sendsLocation)!;
    const before = await readStream(sim.url, sim.partnerKey, {
      from: now() - 30_000,
      until: (l) => (JSON.parse(l.at(-1)!) as Rec).recordTimestamp > now() - 1000,
    });
    expect(before.lines.some((l) => l.includes(target.deviceId))).toBe(true);
    const put = await fetch(`${sim.url}/api/partners/v1/firehose/filters?partnerTenantId=${world.partnerTenantId}`, {
      method: "PUT",
      headers: { "X-API-KEY": sim.partnerKey, "Content-Type": "application/json" },
      body: JSON.stringify({ macFilter: [target.macAddress.toUpperCase()] }),
    });
    expect(put.status).toBe(200);
    const after = await readStream(sim.url, sim.partnerKey, { maxMs: 6500 });
    expect(after.lines.length).toBeGreaterThan(100);
    expect(after.lines.some((l) => l.includes(target.deviceId) || l.includes(target.macAddress))).toBe(false);
    const again = await readStream(sim.url, sim.partnerKey, {
      from: now() - 60_000,
      until: (l) => (JSON.parse(l.at(-1)!) as Rec).recordTimestamp > now() - 15_000,
    });
    expect(again.lines.some((l) => l.includes(target.deviceId))).toBe(true);
    await fetch(`${sim.url}/api/partners/v1/firehose/filters?partnerTenantId=${world.partnerTenantId}`, {
      method: "PUT",
      headers: { "X-API-KEY": sim.partnerKey },
      body: JSON.stringify({ macFilter: [] }),
    });
  });
});

describe("location changes", () => {
  it("sends LOCATION_CHANGE when a zone is renamed or moved, and uses the new hierarchy from then on", async () => {
    const world = await json<{
      zones: Array<{ locationId: string; name: string; floorId: string; cameras: string[] }>;
      floors: Array<{ locationId: string; name: string }>;
    }>(await admin("/admin/world?tenant=0"));
    const floor2 = world.floors.find((f) => f.name === "Floor 2")!;
    const zone = world.zones.find((z) => z.cameras.length && z.floorId !== floor2.locationId)!;
    const from = now() - 1000;
    const renamed = await admin(`/admin/locations/${zone.locationId}`, "POST", { name: "Cafe Bar" });
    expect(renamed.status).toBe(200);
    const moved = await admin(`/admin/locations/${zone.locationId}`, "POST", { parentId: floor2.locationId });
    expect(moved.status).toBe(200);
    const read = await readStream(sim.url, sim.partnerKey, {
      from,
      until: (l) => l.filter((x) => x.includes("LOCATION_CHANGE")).length >= 2,
      maxMs: 10_000,
    });
    const changes = parse(read.lines).filter((r) => r.eventType === "LOCATION_CHANGE");
    expect(changes.map((r) => (r.locationHierarchyChange as { changeType: string }).changeType)).toEqual([
      "UPDATE",
      "MOVE",
    ]);
    for (const c of changes) {
      const p = c.locationHierarchyChange as Record<string, unknown>;
      expect(Object.keys(p).sort()).toEqual([...payloads.LOCATION_CHANGE].sort());
      for (const k of payloads.locationDetails) expect(p.locationDetails).toHaveProperty(k);
      expect(chainOf(p.location)[0]!.name).toBe("Cafe Bar");
    }
    expect(chainOf((changes[1]!.locationHierarchyChange as Record<string, unknown>).location)[1]!.locationId).toBe(
      floor2.locationId,
    );
    const info = await fetch(`${sim.url}/api/partners/v1/locations/${zone.locationId}`, {
      headers: { "X-API-KEY": sim.partnerKey },
    });
    const chain = chainOf((await json<{ location: unknown }>(info)).location);
    expect(chain.slice(0, 2).map((n) => n.name)).toEqual(["Cafe Bar", "Floor 2"]);
  });
});
