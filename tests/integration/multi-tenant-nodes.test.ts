import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/simulator/server";
import { startProcess, type Proc } from "../helpers/app-server";
import { activateThroughOAuth, connect, liveBuildings, multiTenantEnv } from "../helpers/oauth-activation";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";
import type { TestSocket } from "../helpers/socket";

// A multi-tenant app scaled out: the customer's OAuth activation completes on a web node, and the
// worker, a separate process that shares only PostgreSQL and Redis with it, starts streaming that
// customer without a restart, within its activation poll.
const REDIS_URL = "redis://127.0.0.1:6379/10";
const START_AT = Date.UTC(2027, 0, 6, 15, 0);

describe("a multi-tenant app on PostgreSQL and Redis", () => {
  const procs: Proc[] = [];
  let sim: Simulator;
  let pgDb: TempPgDatabase | undefined;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    const r = createClient({ url: REDIS_URL });
    await r.connect();
    await r.flushDb();
    await r.quit();
    sim = await createSimulator({ seed: 23, tenants: 2, startAt: START_AT, speed: 2, replayWindowMs: 30_000 });
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await pgDb?.drop();
    await sim?.close();
  });

  it("streams a customer whose activation completed on a web node, within the worker's 10 s poll", async () => {
    const env = (role: string) => ({
      ROLE: role,
      DATABASE_URL: pgDb!.url,
      REDIS_URL,
      PORT: "0",
      ...multiTenantEnv(sim),
      ACTIVATION_POLL_MS: "10000",
    });
    const dataKey = randomBytes(32).toString("base64");
    const worker = await startProcess(
      ["server.ts"],
      { ...env("worker"), DATA_KEY: dataKey },
      /Floorpulse worker ready/,
      90_000,
    );
    procs.push(worker);
    const web = await startProcess(
      ["server.ts"],
      { ...env("web"), DATA_KEY: dataKey },
      /Floorpulse ready on (http:\/\/\S+)/,
      90_000,
    );
    procs.push(web);
    expect(worker.output()).not.toMatch(/firehose connected/); // no customer yet: no stream

    const acme = await activateThroughOAuth(sim, web.ready, 0, "owner@acme.example");
    await worker.waitFor(/tenant added to its key's stream|"msg":"ingest started"/, 10_000);
    await worker.waitFor(/firehose connected/, 10_000);

    socket = await connect(web.ready, { cookie: acme.browser.cookie });
    const snap = await liveBuildings(socket);
    expect(snap.locations.some((l) => l.type === "FLOOR")).toBe(true);
  }, 180_000);
});
