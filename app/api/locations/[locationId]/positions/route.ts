import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { timeTravelFrame } from "@/lib/history/positions";
import { positionRetentionMs } from "@/lib/privacy/retention";
import { instantMs } from "@/lib/time/bounds";

const query = z.object({ at: instantMs });

/**
 * Time travel: device positions on a floor and the counts of the floor and its zones at `at` (ms).
 * People of the tenant only: a kiosk link (printed on a public screen) shows counts and the heat of
 * now, never a day of per-device movement.
 */
export const GET = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer"] });
  const { at } = parseOrThrow(query, { at: new URL(req.url).searchParams.get("at") ?? undefined });
  await locationInScopeOrThrow(reg.db, principal, locationId);
  const frame = await timeTravelFrame(reg.db, locationId, at, { retentionMs: positionRetentionMs(reg.config) });
  if (!frame) throw new AppError("NOT_FOUND", "location not found");
  return Response.json(frame, { headers: { "Cache-Control": "private, max-age=5" } });
});
