import { describe, expect, it } from "vitest";
import { checkDatabase, checkIngest, checkRealtime, checkStream, STREAM_FRESH_MS } from "@/lib/health/checks";
import { appHealth, firehoseHealth } from "@/lib/health/http";
import type { ComponentCheck, IngestSnapshot } from "@/lib/health/types";

const NOW = 1_800_000_000_000;
const snap = (over: Partial<IngestSnapshot> = {}): IngestSnapshot => ({
  activationId: "act-1",
  state: "connected",
  lastReceivedAt: NOW - 5_000,
  lastRecordTimestamp: NOW - 5_000,
  ...over,
});

describe("component checks", () => {
  it("calls ingest up only while every worker is connected, and names who is not", () => {
    expect(checkIngest([snap()]).status).toBe("up");
    expect(checkIngest([snap({ state: "retrying" })])).toEqual({
      component: "ingest",
      status: "degraded",
      detail: "reconnecting to Cisco Spaces",
    });
    expect(checkIngest([snap({ state: "paused" })]).detail).toMatch(/database/);
    const two = checkIngest([snap(), snap({ activationId: "act-2", state: "unauthorized" })]);
    expect(two).toEqual({
      component: "ingest",
      status: "down",
      detail: "1 of 2 activations Cisco Spaces refused the API key",
    });
    expect(checkIngest([]).status).toBe("degraded");
  });

  it("calls the stream down when nothing (not even a keep-alive) arrived for a minute", () => {
    expect(checkStream([snap({ lastReceivedAt: NOW - STREAM_FRESH_MS })], NOW).status).toBe("up");
    expect(checkStream([snap({ lastReceivedAt: NOW - STREAM_FRESH_MS - 1 })], NOW)).toEqual({
      component: "stream",
      status: "down",
      detail: "no data for 60 s",
    });
    expect(checkStream([snap({ lastReceivedAt: null })], NOW).detail).toBe("no data received yet");
    expect(checkStream([snap(), snap({ activationId: "b", lastReceivedAt: NOW - 300_000 })], NOW)).toEqual({
      component: "stream",
      status: "degraded",
      detail: "1 of 2 activations: no data for 5 min",
    });
    expect(checkStream([], NOW).status).toBe("down");
  });

  it("calls a slow database degraded and a failing one down without showing the error", () => {
    expect(checkDatabase({ ok: true, ms: 3 }).status).toBe("up");
    expect(checkDatabase({ ok: true, ms: 1500 })).toMatchObject({
      status: "degraded",
      detail: "slow: answered in 1500 ms",
    });
    expect(checkDatabase({ ok: false, error: "query failed" })).toMatchObject({
      status: "down",
      detail: "query failed",
    });
  });

  it("calls realtime down when the Socket.IO server cannot be read", () => {
    expect(checkRealtime(() => ({ clients: 1 }))).toMatchObject({ status: "up", detail: "1 connected client" });
    expect(
      checkRealtime(() => {
        throw new Error("gone");
      }).status,
    ).toBe("down");
  });
});

describe("the URLs Cisco Spaces polls", () => {
  const checks = (
    over: Partial<Record<ComponentCheck["component"], ComponentCheck["status"]>> = {},
  ): ComponentCheck[] =>
    (["web", "realtime", "ingest", "database", "stream"] as const).map((component) => ({
      component,
      status: over[component] ?? "up",
      detail: null,
    }));

  it("App Health Check URL answers 200 up when web, realtime, ingest and database are healthy", () => {
    const r = appHealth(checks({ stream: "down" }), NOW);
    expect(r.httpStatus).toBe(200);
    expect(r.body.status).toBe("up");
    expect(r.body.components.map((c) => c.name)).toEqual(["web", "realtime", "ingest", "database"]);
  });

  it("App Health Check URL stays 200 but says degraded while ingest reconnects, and 503 with what is down", () => {
    expect(appHealth(checks({ ingest: "degraded" }), NOW)).toMatchObject({
      httpStatus: 200,
      body: { status: "degraded" },
    });
    const down = appHealth(checks({ database: "down" }), NOW);
    expect(down.httpStatus).toBe(503);
    expect(down.body.components.find((c) => c.status === "down")?.name).toBe("database");
  });

  it("API Health Status URL is 200 only when every activation received data in the last 60 s", () => {
    const ok = firehoseHealth([snap(), snap({ activationId: "act-2", lastReceivedAt: NOW - 59_000 })], NOW);
    expect(ok.httpStatus).toBe(200);
    expect(ok.body.activations.map((a) => a.lastReceived)).toEqual([NOW - 5_000, NOW - 59_000]);
    const stale = firehoseHealth([snap(), snap({ activationId: "act-2", lastReceivedAt: NOW - 61_000 })], NOW);
    expect(stale).toMatchObject({
      httpStatus: 503,
      body: { status: "down", detail: "1 of 2 activations received no data in the last 60 s" },
    });
    expect(firehoseHealth([], NOW)).toMatchObject({ httpStatus: 503, body: { detail: "no active activation" } });
  });
});
