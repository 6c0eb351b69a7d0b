import { firehoseHealth } from "@/lib/health/http";
import { readIngest } from "@/lib/health/run-checks";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** API Health Status URL: 200 while every active activation received Firehose data (keep-alives count) in the last 60 s. */
export async function GET() {
  const { health } = getRegistryOrThrow();
  const snaps = health ? readIngest(health) : null;
  if (!snaps)
    return Response.json(
      { status: "down", detail: "ingest status unavailable", activations: [] },
      { status: 503, headers: NO_STORE },
    );
  const r = firehoseHealth(snaps, Date.now());
  return Response.json(r.body, { status: r.httpStatus, headers: NO_STORE });
}
