import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { canSeeLocation } from "@/lib/auth/scope";
import { timeTravelFrame } from "@/lib/history/positions";
import { positionRetentionMs } from "@/lib/privacy/retention";

/** Time travel: device positions on a floor and the counts of the floor and its zones at `at` (ms). */
export async function GET(req: Request, { params }: { params: Promise<{ locationId: string }> }) {
  try {
    const { locationId } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
    const at = Number(new URL(req.url).searchParams.get("at"));
    if (!Number.isFinite(at) || at <= 0) throw new AuthError("VALIDATION", "at must be a time in milliseconds since 1970");
    if (!(await canSeeLocation(reg.db, principal, locationId))) throw new AuthError("NOT_FOUND", "location not found");
    const frame = await timeTravelFrame(reg.db, locationId, at, { retentionMs: positionRetentionMs() });
    if (!frame) throw new AuthError("NOT_FOUND", "location not found");
    return Response.json(frame, { headers: { "Cache-Control": "private, max-age=5" } });
  } catch (e) {
    return errorResponse(e);
  }
}
