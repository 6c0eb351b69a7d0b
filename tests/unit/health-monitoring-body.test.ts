import { describe, expect, it } from "vitest";
import type { ComponentCheck, IngestSnapshot } from "@/lib/health/types";
import { buildMonitoringBody, monitoringStatusBody } from "@/lib/monitoring/body";

const NOW = 1_800_000_000_000;
const instance = { ipAddress: "10.0.0.7", instanceId: "floorpulse-1" };
const allUp: ComponentCheck[] = (["web", "realtime", "ingest", "database", "stream"] as const).map((component) => ({
  component,
  status: "up",
  detail: null,
}));
const ingest: IngestSnapshot = {
  activationId: "a1",
  state: "connected",
  lastReceivedAt: NOW - 2_000,
  lastRecordTimestamp: NOW - 3_000,
};

const keys = (o: object) => Object.keys(o).sort();

describe("the monitoring/status body", () => {
  it("has exactly the fields the partner guide documents", () => {
    const body = buildMonitoringBody(allUp, ingest, instance, NOW);
    expect(monitoringStatusBody.parse(body)).toEqual(body);
    expect(keys(body)).toEqual(["data"]);
    expect(keys(body.data)).toEqual([
      "cloudFirehose",
      "instanceDetails",
      "localFirehose",
      "overallStatus",
      "subsystems",
    ]);
    expect(keys(body.data.overallStatus)).toEqual(["notices", "status"]);
    expect(keys(body.data.instanceDetails)).toEqual(["instanceId", "ipAddress"]);
    expect(keys(body.data.cloudFirehose)).toEqual(["lastReceived", "status"]);
    expect(body.data.subsystems.map((s) => s.name)).toEqual(["Engine", "Database"]);
  });

  it("reports up and connected with the time of the last data while the stream flows", () => {
    const { data } = buildMonitoringBody(allUp, ingest, instance, NOW);
    expect(data.overallStatus.status).toBe("up");
    expect(data.overallStatus.notices.every((n) => n.category === "info")).toBe(true);
    expect(data.cloudFirehose).toEqual({ status: "connected", lastReceived: NOW - 2_000 });
    expect(data.localFirehose).toEqual({ status: "disconnected", lastReceived: 0 });
    expect(data.subsystems).toEqual([
      { name: "Engine", status: "up" },
      { name: "Database", status: "up" },
    ]);
    expect(data.instanceDetails).toEqual(instance);
  });

  it("reports down with a critical notice when the stream went silent, and names a down database", () => {
    const checks = allUp.map((c) =>
      c.component === "database" ? { ...c, status: "down" as const, detail: "query failed" } : c,
    );
    const { data } = buildMonitoringBody(
      checks,
      { ...ingest, state: "retrying", lastReceivedAt: NOW - 120_000 },
      instance,
      NOW,
    );
    expect(data.overallStatus.status).toBe("down");
    expect(data.cloudFirehose).toEqual({ status: "disconnected", lastReceived: NOW - 120_000 });
    expect(data.subsystems).toEqual([
      { name: "Engine", status: "up" },
      { name: "Database", status: "down" },
    ]);
    const critical = data.overallStatus.notices.filter((n) => n.category === "critical").map((n) => n.message);
    expect(critical).toEqual(["Database down: query failed", "Cisco Spaces stream down: no data for 2 min"]);
    expect(data.overallStatus.notices).toContainEqual({
      message: "Ingest degraded: reconnecting to Cisco Spaces",
      category: "warning",
    });
  });

  it("reports an activation with no ingest worker as disconnected with the engine down", () => {
    const { data } = buildMonitoringBody(allUp, undefined, instance, NOW);
    expect(data.cloudFirehose).toEqual({ status: "disconnected", lastReceived: 0 });
    expect(data.subsystems[0]).toEqual({ name: "Engine", status: "down" });
    expect(data.overallStatus.status).toBe("down");
  });
});
