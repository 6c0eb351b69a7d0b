import { appHealthAnswer } from "@/lib/health/answers";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

/** App Health Check URL: 200 while web, realtime, ingest and the database are not down; 503 with what is. */
export async function GET() {
  const { health, log } = getRegistryOrThrow();
  const r = await appHealthAnswer(health, log);
  return Response.json(r.body, { status: r.httpStatus, headers: { "Cache-Control": "no-store" } });
}
