import { authorizeOrThrow } from "@/lib/auth/authorize";
import { mapInScopeOrThrow } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { readJsonOrThrow } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { calibrationSchema } from "@/lib/maps/calibration";
import { readCalibration, saveCalibration } from "@/lib/store/calibration";

// A display gets the calibration of its own floors with its page (lib/kiosk/load); the API is for people.
export const GET = route<{ mapId: string }>(async (req, { mapId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer"] });
  await mapInScopeOrThrow(reg.db, principal, mapId);
  const c = await readCalibration(reg.db, mapId);
  if (!c) throw new AppError("NOT_FOUND", "map not found");
  return Response.json(c);
});

/** Admins correct how Cisco positions land on this map: offset, scale, rotation, flip. */
export const PUT = route<{ mapId: string }>(async (req, { mapId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  await mapInScopeOrThrow(reg.db, principal, mapId);
  const calibration = parseOrThrow(calibrationSchema.strict(), await readJsonOrThrow(req, 2048));
  if (!(await saveCalibration(reg.db, mapId, calibration))) throw new AppError("NOT_FOUND", "map not found");
  return Response.json(calibration);
});
