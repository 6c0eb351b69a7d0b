import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { decodeJwt } from "jose";
import pino from "pino";
import { clearCiscoViews, getCiscoViews } from "@/lib/health/cisco-view";
import type { HealthSources, IngestSnapshot } from "@/lib/health/types";
import { createMetrics } from "@/lib/metrics/metrics";
import { startMonitoringReporter } from "@/lib/monitoring/reporter";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { createSimulator, type Simulator } from "@/simulator/server";
import { freePort, removeDir, ROOT, tempDir } from "../helpers/app-server";

// The single-tenant/on-prem reporter against the built-in simulator (which validates and records
// every report, and injects refusals and outages), and against a plain HTTP server on port 0 that
// answers each documented code (200, 400, 403, 500) on demand and records every request it gets.

interface Received {
  method: string;
  path: string;
  apiKey: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

const ANSWERS: Record<string, [number, unknown]> = {
  good: [200, { status: true, message: "No error, operation successful" }],
  "bad-body": [400, { status: false, message: "Bad Request" }],
  "wrong-key": [403, { status: false, message: "Authentication failure or invalid API Key" }],
  broken: [500, { error: "Internal Server Error" }],
};

const MIN = 60_000;

/** The report of an instance whose stream is connected and whose engine and database are up. */
const healthyReport = (instanceDetails: { ipAddress: string; instanceId: string }, lastReceived: number) => ({
  overallStatus: { status: "up" },
  instanceDetails,
  cloudFirehose: { status: "connected", lastReceived },
  localFirehose: { status: "disconnected", lastReceived: 0 },
  subsystems: [
    { name: "Engine", status: "up" },
    { name: "Database", status: "up" },
  ],
});

describe("monitoring/status reports and Cisco's view of the stream", () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  const keyAnswers = new Map(Object.entries(ANSWERS));
  let dir: string;
  let db: Db;
  const logs: Array<{ level: number; msg: string }> = [];
  const log = pino(
    { level: "debug" },
    { write: (s: string) => void logs.push(JSON.parse(s) as { level: number; msg: string }) },
  );
  let clock = Date.UTC(2026, 10, 24, 9, 0, 0);
  const snapshot = (): IngestSnapshot => ({
    activationId: "a-good",
    state: "connected",
    lastReceivedAt: clock - 2_000,
    lastRecordTimestamp: clock - 2_500,
  });
  let sources: HealthSources;
  const activation = (id: string, apiKey: string, url = baseUrl) => ({
    id,
    apiKey,
    baseUrl: url,
    partnerTenantId: "Simulation-Retail",
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        const apiKey = req.headers["x-api-key"] as string | undefined;
        received.push({
          method: req.method ?? "",
          path: url.pathname,
          apiKey,
          contentType: req.headers["content-type"],
          body: text ? JSON.parse(text) : null,
        });
        if (req.method === "GET" && url.pathname === "/api/partners/v1/firehose/health") {
          if (apiKey !== "good" || url.searchParams.get("partnerTenantId") !== "Simulation-Retail")
            return res.writeHead(401).end();
          return res.writeHead(200, { "Content-Type": "application/json" }).end(
            JSON.stringify({
              timestamp: clock,
              activeConnections: [{ ipAddress: "203.0.113.9" }],
              protocolVersion: "v1",
              appActivations: [
                {
                  spacesTenantName: "Acme",
                  spacesTenantId: "t",
                  partnerTenantId: "Simulation-Retail",
                  name: "Floorpulse",
                  referenceId: "r",
                  instanceName: "i",
                  macFilters: [],
                },
              ],
            }),
          );
        }
        const [status, body] = keyAnswers.get(apiKey ?? "") ?? [403, ANSWERS["wrong-key"]![1]];
        res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = tempDir();
    const url = `file:${join(dir, "floorpulse.db")}`;
    await applyMigrations(ROOT, url);
    db = createDb(url);
    sources = { db, ingest: () => [snapshot()], realtime: () => ({ clients: 1 }) };
  });
  afterAll(async () => {
    await new Promise<void>((r) => server?.close(() => r()));
    await db?.$disconnect();
    if (dir) removeDir(dir);
  });
  beforeEach(() => {
    received.length = 0;
    logs.length = 0;
  });

  const reporter = (...acts: ReturnType<typeof activation>[]) =>
    startMonitoringReporter({
      sources,
      log,
      now: () => clock,
      intervalMs: MIN,
      instance: { ipAddress: "10.1.2.3", instanceId: "floorpulse-test" },
      activations: async () => acts,
    });
  const logged = (level: "info" | "warn" | "error", text: RegExp) =>
    logs.filter((l) => l.level === pino.levels.values[level] && text.test(l.msg));

  it("PUTs a report every interval and a last one saying it is going down when it stops", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const r = startMonitoringReporter({
      sources,
      log,
      now: () => clock,
      intervalMs: MIN,
      activations: async () => [activation("a-good", "good")],
      metrics,
    });
    expect(await r.reportNow()).toEqual([
      expect.objectContaining({
        activationId: "a-good",
        outcome: "ok",
        httpStatus: 200,
        message: "No error, operation successful",
      }),
    ]);
    clock += MIN;
    await r.reportNow();
    expect(received.filter((x) => x.method === "PUT" && x.apiKey === "good")).toHaveLength(2);
    await r.close();
    const puts = received.filter((x) => x.method === "PUT");
    expect(puts).toHaveLength(3);
    expect(puts[2]!.body).toMatchObject({
      data: {
        overallStatus: { status: "down", notices: [{ message: "Floorpulse is shutting down", category: "info" }] },
        cloudFirehose: { status: "disconnected" },
      },
    });
    expect(await metrics.registry.metrics()).toMatch(/^floorpulse_monitoring_reports_total\{outcome="ok"\} 3$/m);
  });

  it("sends exactly the documented fields, filled from the live checks", async () => {
    const r = reporter(activation("a-good", "good"));
    await r.reportNow();
    await r.close();
    const put = received.find((x) => x.method === "PUT")!;
    expect(put).toMatchObject({
      path: "/api/partners/v1/monitoring/status",
      apiKey: "good",
      contentType: "application/json",
    });
    const body = put.body as { data: Record<string, Record<string, unknown> & unknown[]> };
    expect(Object.keys(body)).toEqual(["data"]);
    expect(Object.keys(body.data).sort()).toEqual([
      "cloudFirehose",
      "instanceDetails",
      "localFirehose",
      "overallStatus",
      "subsystems",
    ]);
    expect(body.data).toMatchObject(
      healthyReport({ ipAddress: "10.1.2.3", instanceId: "floorpulse-test" }, clock - 2_000),
    );
    for (const n of body.data.overallStatus!.notices as Array<{ message: unknown; category: unknown }>) {
      expect(typeof n.message).toBe("string");
      expect(["critical", "warning", "info"]).toContain(n.category);
    }
  });

  it("on 403 logs once and backs off, doubling, until the key is accepted again", async () => {
    const r = reporter(activation("a-403", "wrong-key"));
    const puts = () => received.filter((x) => x.method === "PUT").length;
    try {
      expect((await r.reportNow())[0]).toMatchObject({
        outcome: "unauthorized",
        httpStatus: 403,
        message: "Authentication failure or invalid API Key",
      });
      expect(logged("warn", /refused/)).toHaveLength(1);
      for (let m = 1; m < 5; m++) {
        clock += MIN;
        await r.reportNow();
      }
      expect(puts()).toBe(1); // backed off for five intervals
      clock += MIN;
      await r.reportNow();
      expect(puts()).toBe(2);
      expect(r.states()[0]!.nextAt - clock).toBe(10 * MIN); // doubled
      expect(logged("warn", /refused/)).toHaveLength(1); // still logged only once

      keyAnswers.set("wrong-key", ANSWERS.good!);
      clock += 10 * MIN;
      expect((await r.reportNow())[0]).toMatchObject({ outcome: "ok" });
      expect(logged("info", /accepted again/)).toHaveLength(1);
      clock += MIN;
      await r.reportNow();
      expect(puts()).toBe(4); // every interval again
    } finally {
      keyAnswers.set("wrong-key", ANSWERS["wrong-key"]!);
      await r.close();
    }
  });

  it("on 400 logs one error with the body sent and keeps reporting every interval", async () => {
    const r = reporter(activation("a-400", "bad-body"));
    try {
      expect((await r.reportNow())[0]).toMatchObject({
        outcome: "bad_request",
        httpStatus: 400,
        message: "Bad Request",
      });
      clock += MIN;
      await r.reportNow();
    } finally {
      await r.close();
    }
    expect(received.filter((x) => x.method === "PUT")).toHaveLength(3); // two rounds and the final report
    const errors = logged("error", /bad request/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toHaveProperty("body.data.overallStatus");
  });

  it("on 500 or an unreachable region retries at the next interval, logging each once", async () => {
    const closedPort = await freePort();
    const r = reporter(activation("a-500", "broken"), activation("a-net", "good", `http://127.0.0.1:${closedPort}`));
    try {
      const first = await r.reportNow();
      expect(first.map((s) => [s.activationId, s.outcome])).toEqual([
        ["a-500", "server_error"],
        ["a-net", "network"],
      ]);
      clock += MIN;
      const second = await r.reportNow();
      expect(second).toHaveLength(2);
    } finally {
      await r.close();
    }
    expect(received.filter((x) => x.method === "PUT" && x.apiKey === "broken")).toHaveLength(3);
    expect(logged("warn", /failed/)).toHaveLength(2);
  });

  it("reads Cisco's view from the Healthcheck Info API with the activation's key and tenant", async () => {
    clearCiscoViews();
    const views = await getCiscoViews(db, {
      activations: async () => [activation("a-good", "good"), activation("a-bad", "nope")],
      now: () => clock,
    });
    expect(views).toEqual([
      {
        activationId: "a-good",
        ok: true,
        activeConnections: 1,
        appActivations: 1,
        protocolVersion: "v1",
        checkedAt: clock,
      },
      { activationId: "a-bad", ok: false, error: "Cisco Spaces answered HTTP 401", checkedAt: clock },
    ]);
    const get = received.find((x) => x.method === "GET")!;
    expect(get).toMatchObject({ path: "/api/partners/v1/firehose/health", apiKey: "good" });

    // Cached for a minute: a busy status page does not turn into a flood of calls to Cisco.
    received.length = 0;
    await getCiscoViews(db, { activations: async () => [activation("a-good", "good")], now: () => clock + 30_000 });
    expect(received).toHaveLength(0);
    // Past the minute: the last view comes back at once while a fresh one is fetched behind it.
    const stale = await getCiscoViews(db, {
      activations: async () => [activation("a-good", "good")],
      now: () => clock + 90_000,
    });
    expect(stale).toEqual(views);
    await expect.poll(() => received.filter((x) => x.method === "GET").length).toBe(1);
    await expect
      .poll(
        async () =>
          (
            await getCiscoViews(db, {
              activations: async () => [activation("a-good", "good")],
              now: () => clock + 90_000,
            })
          ).length,
      )
      .toBe(1);
    clearCiscoViews();
  });
});

describe("monitoring/status reports to the built-in simulator", () => {
  let sim: Simulator;
  let dir: string;
  let db: Db;
  let apiKey: string;
  let activationRefId: string;
  let partnerTenantId: string;
  let clock = Date.UTC(2026, 10, 24, 9, 0, 0);
  const logs: Array<{ level: number; msg: string }> = [];
  const log = pino(
    { level: "debug" },
    { write: (s: string) => void logs.push(JSON.parse(s) as { level: number; msg: string }) },
  );

  interface SimReport {
    status: number;
    ref: string | null;
    body: { data: Record<string, unknown> };
    error: string | null;
  }
  const reports = async () =>
    ((await (await fetch(`${sim.url}/admin/monitoring`)).json()) as { reports: SimReport[] }).reports;
  const addFault = async (spec: Record<string, unknown>) =>
    (
      (await (await fetch(`${sim.url}/admin/faults`, { method: "POST", body: JSON.stringify(spec) })).json()) as {
        id: string;
      }
    ).id;
  const removeFault = (id: string) => fetch(`${sim.url}/admin/faults/${id}`, { method: "DELETE" });

  beforeAll(async () => {
    sim = await createSimulator({ people: 10, tenants: 1 });
    const token = await sim.mintActivationToken();
    const claims = decodeJwt(token) as { appId: string; activationRefId: string };
    activationRefId = claims.activationRefId;
    const res = await fetch(`${sim.url}/client/v1/partner/activateOnPremiseApp`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ appId: claims.appId, activationRefId }),
    });
    apiKey = ((await res.json()) as { data: { apiKey: string } }).data.apiKey;
    partnerTenantId = (
      (await (
        await fetch(`${sim.url}/api/partners/v1/firehose/health`, { headers: { "x-api-key": apiKey } })
      ).json()) as {
        appActivations: Array<{ partnerTenantId: string }>;
      }
    ).appActivations[0]!.partnerTenantId;
    dir = tempDir();
    const url = `file:${join(dir, "floorpulse.db")}`;
    await applyMigrations(ROOT, url);
    db = createDb(url);
  });
  afterAll(async () => {
    await sim?.close();
    await db?.$disconnect();
    if (dir) removeDir(dir);
  });

  it("is accepted and recorded with the documented body, refused keys back off, outages retry", async () => {
    const sources: HealthSources = {
      db,
      ingest: () => [
        {
          activationId: "act-sim",
          state: "connected",
          lastReceivedAt: clock - 1_000,
          lastRecordTimestamp: clock - 1_500,
        },
      ],
      realtime: () => ({ clients: 0 }),
    };
    const r = startMonitoringReporter({
      sources,
      log,
      now: () => clock,
      instance: { ipAddress: "10.9.8.7", instanceId: "floorpulse-sim-test" },
      activations: async () => [{ id: "act-sim", apiKey, baseUrl: sim.url, partnerTenantId }],
    });
    try {
      expect((await r.reportNow())[0]).toMatchObject({
        outcome: "ok",
        httpStatus: 200,
        message: "No error, operation successful",
      });
      const [accepted] = await reports();
      expect(accepted).toMatchObject({ status: 200, error: null, ref: activationRefId });
      expect(accepted!.body.data).toMatchObject(
        healthyReport({ ipAddress: "10.9.8.7", instanceId: "floorpulse-sim-test" }, clock - 1_000),
      );

      const refusal = await addFault({ type: "unauthorized", key: apiKey });
      clock += MIN;
      expect((await r.reportNow())[0]).toMatchObject({
        outcome: "unauthorized",
        httpStatus: 403,
        message: "Authentication failure or invalid API Key",
      });
      expect((await reports()).at(-1)).toMatchObject({ status: 403 });
      clock += MIN;
      await r.reportNow();
      expect(await reports()).toHaveLength(2); // backing off: nothing sent a minute later
      await removeFault(refusal);

      const outage = await addFault({ type: "unavailable", key: apiKey, status: 500, seconds: 3600 });
      clock += 5 * MIN;
      expect((await r.reportNow())[0]).toMatchObject({ outcome: "server_error", httpStatus: 500 });
      await removeFault(outage);
      clock += MIN;
      expect((await r.reportNow())[0]).toMatchObject({ outcome: "ok" }); // retried at the next interval
      expect(logs.filter((l) => /accepted again/.test(l.msg))).toHaveLength(1);
    } finally {
      await r.close();
    }
    const all = await reports();
    expect(all.map((x) => x.status)).toEqual([200, 403, 200, 200]); // the 500 never reached the route; the last is the shutdown report
    expect(all.at(-1)!.body.data).toMatchObject({
      overallStatus: { status: "down" },
      cloudFirehose: { status: "disconnected" },
    });
  });
});
