import type { ListActivations, MonitoredActivation } from "@/lib/health/activations";
import { readIngest, runChecks } from "@/lib/health/run-checks";
import type { HealthSources } from "@/lib/health/types";
import type { Logger } from "@/lib/log";
import type { Metrics } from "@/lib/metrics/metrics";
import { buildMonitoringBody, monitoringStatusAnswer, type InstanceDetails, type MonitoringStatusBody } from "./body";
import { instanceDetails } from "./instance";

// Single-tenant and on-prem apps tell Cisco Spaces their state: every minute, for each such
// activation, PUT {baseUrl}/api/partners/v1/monitoring/status with its x-api-key. Outcomes as the
// partner guide lists them: 200 accepted; 400 our body is wrong (logged once, kept trying, since
// the next body may differ); 403 key refused (logged once, then we back off, doubling up to an
// hour, until it is accepted again); 500, other codes and network failures are retried at the next
// minute. Each outcome is logged when it starts, not every minute it lasts.

type Fetch = typeof fetch;
export type ReportOutcome = "ok" | "bad_request" | "unauthorized" | "server_error" | "unexpected" | "network";

const TIMEOUT_MS = 10_000;
const FINAL_TIMEOUT_MS = 3_000;

export interface MonitoringReporterOptions {
  sources: HealthSources;
  log: Logger;
  fetch?: Fetch;
  now?: () => number;
  intervalMs?: number;
  instance?: InstanceDetails;
  metrics?: Pick<Metrics, "monitoringReport">;
  /** Single-tenant and on-prem activations, from an allowlist-checked read (lib/health/activations). */
  activations: ListActivations;
}

export interface ReportState {
  activationId: string;
  outcome: ReportOutcome;
  httpStatus: number | null;
  message: string | null;
  at: number;
  /** No report is sent for this activation before this time (403 back-off). */
  nextAt: number;
}

export interface MonitoringReporter {
  /** Reports every due activation now; resolves with the state of each. */
  reportNow(): Promise<ReportState[]>;
  states(): ReportState[];
  /** Stops the timer and tells Cisco Spaces we are going down (best effort, a few seconds at most). */
  close(): Promise<void>;
}

export function startMonitoringReporter(o: MonitoringReporterOptions): MonitoringReporter {
  const log = o.log.child({ module: "monitoring" });
  const fetchImpl = o.fetch ?? fetch;
  const now = o.now ?? Date.now;
  const intervalMs = o.intervalMs ?? 60_000;
  // 5 minutes, then 10, 20, 40 and 60 with the default interval.
  const backoffBase = 5 * intervalMs;
  const backoffCap = 60 * intervalMs;
  const instance = o.instance ?? instanceDetails();
  const listActivations = o.activations;
  const states = new Map<string, ReportState & { backoffMs: number }>();
  let running: Promise<ReportState[]> | null = null;
  let closed = false;

  const put = async (a: MonitoredActivation, body: MonitoringStatusBody, timeoutMs = TIMEOUT_MS) => {
    const url = new URL("/api/partners/v1/monitoring/status", a.baseUrl);
    try {
      const res = await fetchImpl(url, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "x-api-key": a.apiKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      const answer = monitoringStatusAnswer.safeParse(await res.json().catch(() => null));
      const message = answer.success ? answer.data.message : null;
      const outcome: ReportOutcome =
        res.status === 200
          ? "ok"
          : res.status === 400
            ? "bad_request"
            : res.status === 401 || res.status === 403
              ? "unauthorized"
              : res.status >= 500
                ? "server_error"
                : "unexpected";
      return { outcome, httpStatus: res.status, message };
    } catch (e) {
      return {
        outcome: "network" as const,
        httpStatus: null,
        message: (e as Error).name === "TimeoutError" ? "timed out" : (e as Error).message,
      };
    }
  };

  const reportOne = async (
    a: MonitoredActivation,
    body: MonitoringStatusBody,
    timeoutMs?: number,
  ): Promise<ReportState> => {
    const at = now();
    const prev = states.get(a.id);
    const r = await put(a, body, timeoutMs);
    o.metrics?.monitoringReport(r.outcome);
    const changed = prev?.outcome !== r.outcome;
    const ctx = { activation: a.id, httpStatus: r.httpStatus, message: r.message };
    let backoffMs = 0;
    if (r.outcome === "unauthorized") {
      backoffMs = prev?.outcome === "unauthorized" ? Math.min(prev.backoffMs * 2, backoffCap) : backoffBase;
      if (changed)
        log.warn(
          { ...ctx, backoffMs },
          "Cisco Spaces refused the monitoring report's API key; backing off (logged once until it is accepted)",
        );
    } else if (changed) {
      if (r.outcome === "ok") {
        if (prev) log.info(ctx, "monitoring report accepted again");
        else log.debug(ctx, "monitoring report accepted");
      } else if (r.outcome === "bad_request")
        log.error(
          { ...ctx, body },
          "Cisco Spaces rejected the monitoring report as a bad request (logged once until it changes)",
        );
      else log.warn(ctx, "monitoring report failed; retrying every interval (logged once until it changes)");
    }
    const state = {
      activationId: a.id,
      outcome: r.outcome,
      httpStatus: r.httpStatus,
      message: r.message,
      at,
      nextAt: at + backoffMs,
      backoffMs,
    };
    states.set(a.id, state);
    return publicState(state);
  };

  const report = async (final = false): Promise<ReportState[]> => {
    const t = now();
    const activations = await listActivations();
    const due = activations.filter((a) => final || (states.get(a.id)?.nextAt ?? 0) <= t);
    if (!due.length) return [];
    const checks = await runChecks(o.sources, t, log);
    const snaps = readIngest(o.sources) ?? [];
    return Promise.all(
      due.map((a) => {
        const body = buildMonitoringBody(
          checks,
          snaps.find((s) => s.activationId === a.id),
          instance,
          t,
        );
        if (final) {
          body.data.overallStatus = {
            status: "down",
            notices: [{ message: "Floorpulse is shutting down", category: "info" }],
          };
          body.data.cloudFirehose.status = "disconnected";
        }
        return reportOne(a, body, final ? FINAL_TIMEOUT_MS : TIMEOUT_MS);
      }),
    );
  };

  const reportNow = () =>
    (running ??= report()
      .catch((e: unknown) => {
        log.error({ err: (e as Error).message }, "monitoring report round failed");
        return [];
      })
      .finally(() => (running = null)));

  const timer = setInterval(() => {
    if (!closed) void reportNow();
  }, intervalMs);

  return {
    reportNow,
    states: () => [...states.values()].map(publicState),
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      const final = await report(true).catch(() => []);
      log.debug({ reports: final.length }, "final monitoring report sent");
    },
  };
}

function publicState(s: ReportState & { backoffMs?: number }): ReportState {
  const { backoffMs: _drop, ...rest } = s;
  return rest;
}
