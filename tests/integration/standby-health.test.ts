import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/simulator/server";
import { startProcess, type Proc } from "../helpers/app-server";
import { json } from "../helpers/oauth-activation";
import { createTempPgDatabase, type TempPgDatabase } from "../helpers/postgres";

// Two workers on PostgreSQL for one activation: only the one holding its stream reports the app's
// health to Cisco Spaces (monitoring/status). A standby that reported would tell Cisco "disconnected"
// while the other worker streams.
const REDIS_URL = "redis://127.0.0.1:6379/11";

interface Report {
  body: { data?: { instanceDetails?: { instanceId?: string } } };
}

describe("health reports from a standby worker", () => {
  const procs: Proc[] = [];
  let sim: Simulator;
  let pgDb: TempPgDatabase | undefined;

  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    sim = await createSimulator({ seed: 24, tenants: 1 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await pgDb?.drop();
    await sim?.close();
  });

  it("come only from the worker that holds the stream", async () => {
    const DATA_KEY = randomBytes(32).toString("base64");
    const env = (instance: string) => ({
      ROLE: "worker",
      DATABASE_URL: pgDb!.url,
      REDIS_URL,
      DATA_KEY,
      SIMULATOR_URL: sim.url,
      INSTANCE_ID: instance,
      ACTIVATION_POLL_MS: "1000",
      PORT: "0", // each worker's probes on a free port
    });
    const active = await startProcess(["server.ts"], env("active-worker"), /Floorpulse worker ready/, 90_000);
    procs.push(active);
    await active.waitFor(/ingest lock acquired/);
    await active.waitFor(/firehose connected/);
    const standby = await startProcess(["server.ts"], env("standby-worker"), /Floorpulse worker ready/, 90_000);
    procs.push(standby);
    await standby.waitFor(/another worker is active: standing by/, 15_000);

    // Each stops cleanly, sending its last report round as it goes.
    expect(await standby.stop("SIGTERM")).toBe(0);
    expect(await active.stop("SIGTERM")).toBe(0);
    const reports = (await json<{ reports: Report[] }>(await fetch(`${sim.url}/admin/monitoring`))).reports;
    const from = reports.map((r) => r.body.data?.instanceDetails?.instanceId);
    expect(from).toContain("active-worker");
    expect(from).not.toContain("standby-worker");
  }, 180_000);
});
