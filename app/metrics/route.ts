import { loadConfigOrThrow } from "@/lib/config";
import { metricsAuthorized } from "@/lib/metrics/auth";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

let token: string | undefined | null = null;
const metricsToken = () => (token === null ? (token = loadConfigOrThrow().METRICS_TOKEN) : token);

/** Prometheus text exposition; needs `Authorization: Bearer <METRICS_TOKEN>` when that is set. */
export async function GET(req: Request) {
  if (!metricsAuthorized(req.headers.get("authorization"), metricsToken())) {
    return new Response("unauthorized\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Type": "text/plain" } });
  }
  const { metrics } = getRegistryOrThrow();
  if (!metrics) return new Response("metrics are not wired: start Floorpulse with server.ts\n", { status: 503, headers: { "Content-Type": "text/plain" } });
  return new Response(await metrics.registry.metrics(), { headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" } });
}
