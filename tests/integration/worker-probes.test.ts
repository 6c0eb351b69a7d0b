import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess, type Proc } from "../helpers/app-server";
import { usePgCluster } from "../helpers/pg-cluster";
import { until } from "../helpers/poll";

// A worker (ROLE=worker) serves no pages, yet an orchestrator probes it and Prometheus scrapes it: its
// /metrics, /api/health and /api/health/firehose answer on WORKER_PORT with what a web node's routes say.
const REDIS_URL = "redis://127.0.0.1:6379/12";

interface FirehoseBody {
  status: string;
  activations: Array<{ activationId: string; state: string; lastReceived: number | null }>;
}

describe("a worker's probes", () => {
  const cluster = usePgCluster(31);
  const { procs } = cluster;
  let worker: Proc;
  let web: Proc;
  let probes: string;

  beforeAll(async () => {
    const env = {
      DATABASE_URL: cluster.databaseUrl,
      REDIS_URL,
      DATA_KEY: randomBytes(32).toString("base64"),
      SIMULATOR_URL: cluster.sim.url,
    };
    const port = await freePort();
    worker = await startProcess(
      ["server.ts"],
      { ...env, ROLE: "worker", WORKER_PORT: String(port) },
      /Floorpulse worker ready \(.*probes on (http:\/\/\S+),/,
      90_000,
    );
    procs.push(worker);
    probes = worker.ready;
    await worker.waitFor(/firehose connected/);
    web = await startProcess(
      ["server.ts"],
      { ...env, ROLE: "web", PORT: "0" },
      /Floorpulse ready on (http:\/\/\S+)/,
      90_000,
    );
    procs.push(web);
  }, 240_000);

  it("listens on WORKER_PORT", async () => {
    expect(probes).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(probes).port).not.toBe("");
    expect((await fetch(`${probes}/nothing-here`)).status).toBe(404);
  });

  it("answers /api/health/firehose like a web node: the stream it holds, fresh", async () => {
    const fromWorker = await until(
      "the worker's stream in its firehose probe",
      async () => {
        const r = await fetch(`${probes}/api/health/firehose`);
        return { status: r.status, body: (await r.json()) as FirehoseBody };
      },
      (r) => r.status === 200,
      30_000,
    );
    const fromWeb = await until(
      "the worker's stream on the web node",
      async () => (await (await fetch(`${web.ready}/api/health/firehose`)).json()) as FirehoseBody,
      (b) => b.status === "up",
      30_000,
    );
    expect(Object.keys(fromWorker.body).sort()).toEqual(Object.keys(fromWeb).sort());
    expect(fromWorker.body.activations.map((a) => a.activationId)).toEqual(
      fromWeb.activations.map((a) => a.activationId),
    );
    expect(fromWorker.body.activations[0]).toMatchObject({ state: "connected" });
    expect(Object.keys(fromWorker.body.activations[0]!).sort()).toEqual(Object.keys(fromWeb.activations[0]!).sort());
  });

  it("answers /api/health with the same components as a web node", async () => {
    const r = await fetch(`${probes}/api/health`);
    const body = (await r.json()) as { status: string; components: Array<{ name: string; status: string }> };
    const webBody = (await (await fetch(`${web.ready}/api/health`)).json()) as typeof body;
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(body.components.map((c) => c.name)).toEqual(webBody.components.map((c) => c.name));
    expect(body.components.find((c) => c.name === "ingest")?.status).toBe("up");
    expect(body.components.find((c) => c.name === "database")?.status).toBe("up");
  });

  it("serves its own Firehose counters on /metrics", async () => {
    const text = await until(
      "events counted by the worker",
      async () => (await fetch(`${probes}/metrics`)).text(),
      (t) => /^floorpulse_firehose_events_total\{type="[A-Z_]+"\} [1-9]/m.test(t),
      30_000,
    );
    expect(text).toMatch(/^floorpulse_process_resident_memory_bytes \d/m);
    // The web node ingests nothing: the counters live where the stream is read.
    expect(await (await fetch(`${web.ready}/metrics`)).text()).not.toMatch(/^floorpulse_firehose_events_total\{/m);
  });

  it("stops on SIGTERM with its last batch written and exits 0", async () => {
    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(worker.output()).toMatch(/"msg":"shutting down"/);
    expect(worker.output()).toMatch(/"msg":"ingest stopped"/);
  });
});
