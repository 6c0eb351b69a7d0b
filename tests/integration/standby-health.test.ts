import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startProcess } from "../helpers/app-server";
import { json } from "../helpers/oauth-activation";
import { usePgCluster } from "../helpers/pg-cluster";

// Two workers on PostgreSQL for one activation: only the one holding its stream reports the app's
// health to Cisco Spaces (monitoring/status). A standby that reported would tell Cisco "disconnected"
// while the other worker streams.
const REDIS_URL = "redis://127.0.0.1:6379/11";

interface Report {
  body: { data?: { instanceDetails?: { instanceId?: string } } };
}

describe("health reports from a standby worker", () => {
  const cluster = usePgCluster(24);
  const { procs } = cluster;

  it("come only from the worker that holds the stream", async () => {
    const DATA_KEY = randomBytes(32).toString("base64");
    const env = (instance: string) => ({
      ROLE: "worker",
      DATABASE_URL: cluster.databaseUrl,
      REDIS_URL,
      DATA_KEY,
      SIMULATOR_URL: cluster.sim.url,
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
    const reports = (await json<{ reports: Report[] }>(await fetch(`${cluster.sim.url}/admin/monitoring`))).reports;
    const from = reports.map((r) => r.body.data?.instanceDetails?.instanceId);
    expect(from).toContain("active-worker");
    expect(from).not.toContain("standby-worker");
  }, 180_000);
});
