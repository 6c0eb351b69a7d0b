import { appHealth } from "@/lib/health/http";
import { runChecks } from "@/lib/health/run-checks";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** App Health Check URL: 200 while web, realtime, ingest and the database are not down; 503 with what is. */
export async function GET() {
  const { health, log } = getRegistryOrThrow();
  if (!health)
    return Response.json(
      { status: "down", detail: "health checks are not wired: start Floorpulse with server.ts" },
      { status: 503, headers: NO_STORE },
    );
  const now = Date.now();
  const r = appHealth(await runChecks(health, now, log), now);
  return Response.json(r.body, { status: r.httpStatus, headers: NO_STORE });
}
