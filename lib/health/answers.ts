import type { Logger } from "@/lib/log";
import { appHealth, firehoseHealth, type HealthResponse } from "./http";
import { readIngest, runChecks } from "./run-checks";
import type { HealthSources } from "./types";

// The two health URLs' answers from what this process runs, for the Next.js routes and for a worker's
// probe server (lib/health/probe-server.ts) alike: one source of their JSON.

/** App Health Check URL: 200 while web, realtime, ingest and the database are not down; 503 with what is. */
export async function appHealthAnswer(
  health: HealthSources | undefined,
  log?: Logger,
  now = Date.now(),
): Promise<HealthResponse<unknown>> {
  if (!health)
    return {
      httpStatus: 503,
      body: { status: "down", detail: "health checks are not wired: start Floorpulse with server.ts" },
    };
  return appHealth(await runChecks(health, now, log), now);
}

/** API Health Status URL: 200 while every active activation received Firehose data (keep-alives count) in the last 60 s. */
export function firehoseHealthAnswer(health: HealthSources | undefined, now = Date.now()): HealthResponse<unknown> {
  const snaps = health ? readIngest(health) : null;
  if (!snaps)
    return { httpStatus: 503, body: { status: "down", detail: "ingest status unavailable", activations: [] } };
  return firehoseHealth(snaps, now);
}
