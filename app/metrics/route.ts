import { metricsAnswer } from "@/lib/metrics/answer";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

/** Prometheus text exposition; needs `Authorization: Bearer <METRICS_TOKEN>` when that is set, else a scraper on this machine. */
export async function GET(req: Request) {
  const { metrics, config } = getRegistryOrThrow();
  const r = await metricsAnswer((n) => req.headers.get(n), config.METRICS_TOKEN, metrics);
  return new Response(r.body, { status: r.status, headers: r.headers });
}
