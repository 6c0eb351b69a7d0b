import { firehoseHealthAnswer } from "@/lib/health/answers";
import { getRegistryOrThrow } from "@/lib/registry";

export const dynamic = "force-dynamic";

/** API Health Status URL: 200 while every active activation received Firehose data (keep-alives count) in the last 60 s. */
export async function GET() {
  const r = firehoseHealthAnswer(getRegistryOrThrow().health);
  return Response.json(r.body, { status: r.httpStatus, headers: { "Cache-Control": "no-store" } });
}
