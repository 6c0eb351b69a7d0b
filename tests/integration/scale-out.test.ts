import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { createDb, type Db } from "@/lib/store/db";
import type { LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { freePort, startProcess, type Proc } from "../helpers/app-server";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";
import { compareWithCleanRun } from "../helpers/clean-run";
import { connectSocket, waitFor, type TestSocket } from "../helpers/socket";

// Two web nodes and two workers on this machine's PostgreSQL and Redis, against one simulator.
const REDIS_URL = "redis://127.0.0.1:6379/9";

describe("scale-out on PostgreSQL and Redis", () => {
  const procs: Proc[] = [];
  let sim: Proc;
  let db: Db;
  let pgDb: TempPgDatabase | undefined;
  let databaseUrl = "";
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    databaseUrl = pgDb.url;
    const r = createClient({ url: REDIS_URL });
    await r.connect();
    await r.flushDb();
    await r.quit();
    sim = await startProcess(
      ["simulator/cli.ts", "--port", String(await freePort()), "--seed", "5"],
      {},
      /listening on (http:\/\/\S+)/,
    );
    procs.push(sim);
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await db?.$disconnect();
    await pgDb?.drop();
  });

  const DATA_KEY = randomBytes(32).toString("base64");
  const env = (role: string) => ({
    ROLE: role,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    DATA_KEY,
    SIMULATOR_URL: sim.ready,
    PORT: "0",
  });

  it("serves one worker's data on every web node, fails over to the standby, and loses or doubles nothing", async () => {
    const workerA = await startProcess(["server.ts"], env("worker"), /Floorpulse worker ready/, 90_000);
    procs.push(workerA);
    await workerA.waitFor(/ingest lock acquired/);
    const from = Date.parse((await workerA.waitFor(/"resumeFrom":"([^"]+)"/))[1]!);
    db = createDb(databaseUrl);
    // Let A catch up and write a checkpoint, so the kill lands in the middle of live ingest.
    await expect
      .poll(async () => Number((await db.checkpoint.findFirst())?.recordTimestamp ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(Date.now() - 10_000);

    const workerB = await startProcess(["server.ts"], env("worker"), /Floorpulse worker ready/, 90_000);
    procs.push(workerB);
    await workerB.waitFor(/another worker is active: standing by/);
    const web1 = await startProcess(["server.ts"], env("web"), /Floorpulse ready on (http:\/\/\S+)/, 90_000);
    const web2 = await startProcess(["server.ts"], env("web"), /Floorpulse ready on (http:\/\/\S+)/, 90_000);
    procs.push(web1, web2);

    // A socket on web node 2 sees what worker A ingested.
    socket = await connectSocket(web2.ready);
    const snap = await new Promise<LocationSnapshot | WatchError>((resolve) =>
      socket!.emit("location:watch", null, resolve),
    );
    if ("error" in snap) throw new Error(snap.error);
    const floors = snap.locations.filter((l) => l.type === "FLOOR");
    expect(floors.length).toBeGreaterThanOrEqual(2);
    expect(floors.some((f) => snap.counts[f.id]?.source)).toBe(true);
    await waitFor(socket, "location:delta", (d) =>
      d.scope === null && Object.keys(d.counts).length ? true : undefined,
    );

    // Kill the active worker mid-stream; the standby takes over within 10 s and resumes.
    const killedAt = Date.now();
    await workerA.stop("SIGKILL");
    await workerB.waitFor(/ingest lock acquired/, 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await workerB.waitFor(/"checkpoint":true/, 10_000);
    await waitFor(
      socket,
      "location:delta",
      (d) => (d.scope === null && Object.keys(d.counts).length ? true : undefined),
      15_000,
    );

    // A capacity set through web node 1 reaches the socket on web node 2.
    const floor = floors[0]!;
    const seen = waitFor(socket, "location:delta", (d) =>
      d.locations.find((l) => l.id === floor.id && l.capacity === 77),
    );
    expect(
      (
        await fetch(`${web1.ready}/api/locations/${floor.id}`, {
          method: "PUT",
          body: JSON.stringify({ capacity: 77 }),
        })
      ).status,
    ).toBe(200);
    expect((await seen).capacity).toBe(77);

    // Let B ingest past the kill, stop it cleanly, and compare with one clean pass over the same records.
    await expect
      .poll(async () => Number((await db.checkpoint.findFirst())?.recordTimestamp ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(killedAt + 5_000);
    expect(await workerB.stop("SIGTERM")).toBe(0);
    const cp = (await db.checkpoint.findFirst())!;
    const activation = (await db.activation.findFirst({ include: { tenant: true } }))!;
    const { diff, compared } = await compareWithCleanRun(db, {
      simUrl: sim.ready,
      partnerTenantId: activation.tenant.partnerTenantId,
      from,
      until: Number(cp.recordTimestamp),
    });
    expect(compared).toBeGreaterThan(8); // several minutes of several locations
    expect(diff).toEqual([]);
  }, 240_000);
});
