import { metricsAuthorized } from "./auth";
import type { Metrics } from "./metrics";

// GET /metrics for the Next.js route and for a worker's probe server alike.

export interface MetricsAnswer {
  status: 200 | 401 | 503;
  headers: Record<string, string>;
  body: string;
}

/** Prometheus text exposition; needs `Authorization: Bearer <METRICS_TOKEN>` when that is set, else a scraper on this machine. */
export async function metricsAnswer(
  header: (name: string) => string | null,
  token: string | undefined,
  metrics: Metrics | undefined,
): Promise<MetricsAnswer> {
  if (!metricsAuthorized(header, token))
    return {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Type": "text/plain" },
      body: "unauthorized\n",
    };
  if (!metrics)
    return {
      status: 503,
      headers: { "Content-Type": "text/plain" },
      body: "metrics are not wired: start Floorpulse with server.ts\n",
    };
  return {
    status: 200,
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
    body: await metrics.exposition(),
  };
}
