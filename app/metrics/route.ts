import { metricsAuthorized } from "@/lib/metrics/auth";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

/** Prometheus text exposition; needs `Authorization: Bearer <METRICS_TOKEN>` when that is set, else a scraper on this machine. */
export async function GET(req: Request) {
  const { metrics, config } = getRegistryOrThrow();
  if (!metricsAuthorized((n) => req.headers.get(n), config.METRICS_TOKEN)) {
    return new Response("unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Type": "text/plain" },
    });
  }
  if (!metrics)
    return new Response("metrics are not wired: start Floorpulse with server.ts\n", {
      status: 503,
      headers: { "Content-Type": "text/plain" },
    });
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
