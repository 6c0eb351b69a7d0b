import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { timeTravelFrame } from "@/lib/history/positions";
import { positionRetentionMs } from "@/lib/privacy/retention";

/** Time travel: device positions on a floor and the counts of the floor and its zones at `at` (ms). */
export const GET = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
  const at = Number(new URL(req.url).searchParams.get("at"));
  if (!Number.isFinite(at) || at <= 0) throw new AppError("VALIDATION", "at must be a time in milliseconds since 1970");
  await locationInScopeOrThrow(reg.db, principal, locationId);
  const frame = await timeTravelFrame(reg.db, locationId, at, { retentionMs: positionRetentionMs(reg.config) });
  if (!frame) throw new AppError("NOT_FOUND", "location not found");
  return Response.json(frame, { headers: { "Cache-Control": "private, max-age=5" } });
});
