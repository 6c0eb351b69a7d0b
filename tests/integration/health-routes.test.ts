import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { GET as appHealthGET } from "@/app/api/health/route";
import { GET as firehoseHealthGET } from "@/app/api/health/firehose/route";
import { GET as metricsGET } from "@/app/metrics/route";
import { startFirehoseStream, type FirehoseStream } from "@/lib/firehose/stream";
import { clearCiscoViews, getCiscoViews } from "@/lib/health/cisco-view";
import { firehoseHealth, type AppHealthBody, type FirehoseHealthBody } from "@/lib/health/http";
import type { HealthSources, IngestSnapshot } from "@/lib/health/types";
import { createLogger } from "@/lib/log";
import { createMetrics } from "@/lib/metrics/metrics";
import { loadConfigOrThrow } from "@/lib/config";
import { setRegistry, type Registry } from "@/lib/registry";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { createSimulator, type Simulator } from "@/simulator/server";
import { until as poll } from "../helpers/poll";
import { removeDir, ROOT, tempDir } from "../helpers/app-server";

// The route handlers of the App Health Check URL, the API Health Status URL and /metrics, called as
// Next calls them, over a real SQLite file and a real Firehose stream from the built-in simulator,
// whose faults (stall, unauthorized) make the outages. The ingest snapshot is kept the way the
// ingest worker keeps it: state from the stream's status, lastReceivedAt on every chunk
// (keep-alives included), lastRecordTimestamp from each record.

const METRICS_TOKEN = "metrics-token-for-the-test-1234";
process.env.METRICS_TOKEN = METRICS_TOKEN;

async function activateOnSimulator(sim: Simulator): Promise<{ apiKey: string; partnerTenantId: string }> {
  const token = await sim.mintActivationToken();
  const claims = decodeJwt(token) as { appId: string; activationRefId: string; partnerTenantId: string };
  const res = await fetch(`${sim.url}/client/v1/partner/activateSingleTenantCloudApp`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ appId: claims.appId, activationRefId: claims.activationRefId }),
  });
  const body = (await res.json()) as { data: { apiKey: string } };
  return { apiKey: body.data.apiKey, partnerTenantId: claims.partnerTenantId };
}

async function addFault(sim: Simulator, spec: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${sim.url}/admin/faults`, { method: "POST", body: JSON.stringify(spec) });
  if (res.status !== 201) throw new Error(`fault refused: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function faultHits(sim: Simulator, id: string): Promise<number> {
  const { faults } = (await (await fetch(`${sim.url}/admin/faults`)).json()) as {
    faults: Array<{ id: string; hits: number }>;
  };
  return faults.find((f) => f.id === id)?.hits ?? 0;
}

/** The shared polling helper, for reads that are falsy until the thing happened. */
async function until<T>(
  read: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  return (await poll(what, read, Boolean, timeoutMs, 50)) as T;
}

describe("health URLs over a real Firehose stream", () => {
  const log = createLogger("silent");
  let dir: string;
  let db: Db;
  let sim: Simulator;
  let apiKey: string;
  let partnerTenantId: string;
  let stream: FirehoseStream;
  const snap: IngestSnapshot = {
    activationId: "act-test",
    state: "starting",
    lastReceivedAt: null,
    lastRecordTimestamp: null,
  };
  const sources: HealthSources = {
    db: undefined as unknown as Db,
    ingest: () => [{ ...snap }],
    realtime: () => ({ clients: 2 }),
  };
  const metrics = createMetrics({ sources, defaultMetrics: false });

  beforeAll(async () => {
    dir = tempDir();
    const url = `file:${join(dir, "floorpulse.db")}`;
    await applyMigrations(ROOT, url);
    db = createDb(url);
    sources.db = db;
    sim = await createSimulator({ tickMs: 100, people: 30, tenants: 1, keepAliveMs: 1_000 });
    ({ apiKey, partnerTenantId } = await activateOnSimulator(sim));
    const config = loadConfigOrThrow();
    setRegistry({
      config,
      db,
      log,
      hub: undefined as unknown as Registry["hub"],
      health: sources,
      metrics,
    });
    stream = startFirehoseStream({
      baseUrl: sim.url,
      apiKey,
      fromTimestamp: () => undefined,
      onChunk: () => {
        snap.lastReceivedAt = Date.now();
      },
      onLine: (line) => {
        const record = JSON.parse(line) as { recordTimestamp?: number; eventType?: string };
        if (typeof record.recordTimestamp === "number")
          snap.lastRecordTimestamp = Math.max(snap.lastRecordTimestamp ?? 0, record.recordTimestamp);
        if (record.eventType) metrics.eventApplied(record.eventType);
      },
      onOversized: () => {},
      onStatus: (s) => {
        snap.state = s.state;
        if (s.state === "retrying" || s.state === "unauthorized") metrics.reconnect(s.state);
      },
      idleMs: config.FIREHOSE_IDLE_MS,
      backoffMaxMs: config.FIREHOSE_BACKOFF_MAX_MS,
      unauthorizedRetryMs: 300,
      log,
    });
  });

  afterAll(async () => {
    await stream?.close();
    await sim?.close();
    await db?.$disconnect();
    if (dir) removeDir(dir);
  });

  it("answers 200 on both URLs while data flows", async () => {
    await until(() => snap.state === "connected" && snap.lastReceivedAt !== null, "the stream to deliver");
    const app = await appHealthGET();
    expect(app.status).toBe(200);
    expect(app.headers.get("cache-control")).toBe("no-store");
    const body = (await app.json()) as AppHealthBody;
    expect(body.status).toBe("up");
    expect(Object.fromEntries(body.components.map((c) => [c.name, c.status]))).toEqual({
      web: "up",
      realtime: "up",
      ingest: "up",
      database: "up",
    });

    const fh = await firehoseHealthGET();
    expect(fh.status).toBe(200);
    const fb = (await fh.json()) as FirehoseHealthBody;
    expect(fb.activations).toEqual([expect.objectContaining({ activationId: "act-test", state: "connected" })]);
    expect(fb.activations[0]!.lastReceived).toBeGreaterThan(Date.now() - 60_000);
  });

  it("shows Cisco's view of the open stream beside ours", async () => {
    clearCiscoViews();
    const [view] = await getCiscoViews(db, {
      activations: async () => [{ id: "act-test", apiKey, baseUrl: sim.url, partnerTenantId }],
    });
    expect(view).toMatchObject({ activationId: "act-test", ok: true, activeConnections: 1, appActivations: 1 });
    clearCiscoViews();
  });

  it("turns the API Health Status URL 503 when the stream stalls and 200 again when it resumes", async () => {
    const stall = await addFault(sim, { type: "stall", key: apiKey, afterLines: 0, seconds: 4, times: 1 });
    await until(async () => (await faultHits(sim, stall)) > 0, "the stall to strike");
    const stalledAt = snap.lastReceivedAt!;
    // An observation window, not a wait for something: 1.5 s of the 4 s stall in which nothing may arrive.
    await new Promise((r) => setTimeout(r, 1_500));
    // Nothing arrives while Cisco holds the stream back, not even a keep-alive, and the connection stays open.
    expect(snap.lastReceivedAt).toBe(stalledAt);
    expect(snap.state).toBe("connected");
    // The URL's verdict on this very snapshot once the minute is up, judged at that clock time rather than waited for.
    expect(firehoseHealth([{ ...snap }], stalledAt + 60_000).httpStatus).toBe(200);
    const stalled = firehoseHealth([{ ...snap }], stalledAt + 60_001);
    expect(stalled.httpStatus).toBe(503);
    expect(stalled.body.activations[0]!.lastReceived).toBe(stalledAt);

    await until(() => snap.lastReceivedAt! > stalledAt, "the stream to resume");
    const resumed = await firehoseHealthGET();
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as FirehoseHealthBody).status).toBe("up");
  });

  it("answers 503 on the App Health Check URL while Cisco refuses the API key, and 200 once it accepts it again", async () => {
    const refusal = await addFault(sim, { type: "unauthorized", key: apiKey });
    await until(() => snap.state === "unauthorized", "the stream to be refused");
    const refused = await appHealthGET();
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as AppHealthBody;
    expect(body.status).toBe("down");
    expect(body.components.find((c) => c.name === "ingest")).toEqual({
      name: "ingest",
      status: "down",
      detail: "Cisco Spaces refused the API key",
    });

    await fetch(`${sim.url}/admin/faults/${refusal}`, { method: "DELETE" });
    await until(() => snap.state === "connected", "the stream to reconnect");
    expect((await appHealthGET()).status).toBe(200);
  });

  it("answers 503 on the App Health Check URL when the database fails, without showing its error", async () => {
    // A database that fails every query, with an internal path in its error that must not leak.
    const fail = () => Promise.reject(new Error("SQLITE_CANTOPEN /secret/path"));
    const gone: HealthSources = { ...sources, db: { $connect: fail, $queryRawUnsafe: fail } as unknown as Db };
    setRegistry({
      config: loadConfigOrThrow(),
      db,
      log,
      hub: undefined as unknown as Registry["hub"],
      health: gone,
      metrics,
    });
    try {
      const res = await appHealthGET();
      expect(res.status).toBe(503);
      const body = (await res.json()) as AppHealthBody;
      expect(body.components.find((c) => c.name === "database")).toEqual({
        name: "database",
        status: "down",
        detail: "query failed",
      });
      expect(JSON.stringify(body)).not.toContain("/secret/path");
    } finally {
      setRegistry({
        config: loadConfigOrThrow(),
        db,
        log,
        hub: undefined as unknown as Registry["hub"],
        health: sources,
        metrics,
      });
    }
  });

  it("serves /metrics only with the bearer token, in Prometheus text", async () => {
    const denied = await metricsGET(new Request("http://x/metrics"));
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(
      (
        await metricsGET(
          new Request("http://x/metrics", { headers: { Authorization: "Bearer wrong-token-of-some-length" } }),
        )
      ).status,
    ).toBe(401);

    const ok = await metricsGET(
      new Request("http://x/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toMatch(/^floorpulse_firehose_events_total\{type="[A-Z_]+"\} [1-9]/m);
    expect(text).toMatch(/^floorpulse_firehose_reconnects_total\{kind="unauthorized"\} [1-9]/m);
    expect(text).toMatch(/^floorpulse_firehose_stream_lag_seconds\{activation="act-test"\} \d/m);
    expect(text).toMatch(/^floorpulse_realtime_clients 2$/m);
  });
});
