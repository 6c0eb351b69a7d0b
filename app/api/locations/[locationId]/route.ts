import { z } from "zod";
import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { readJsonOrThrow } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { polygonSchema } from "@/lib/maps/polygon";
import { updateLocationSettings } from "@/lib/store/location-settings";

const people = (field: string) => {
  const error = `${field} must be a whole number from 1 to 1000000, or null`;
  return z.number({ error }).int({ error }).min(1, { error }).max(1_000_000, { error }).nullable();
};
// One message for any problem inside the outline, rather than one per corner.
const polygon = z
  .unknown()
  .transform((v, ctx) => {
    const r = polygonSchema.nullable().safeParse(v);
    if (!r.success)
      ctx.addIssue({ code: "custom", message: "polygon must be null or 3 to 200 [x, y] corners in feet" });
    return r.success ? r.data : z.NEVER;
  })
  .optional();
const body = z
  .object({ capacity: people("capacity").optional(), targetCapacity: people("targetCapacity").optional(), polygon })
  .strict()
  .refine(
    (b) => b.capacity !== undefined || b.targetCapacity !== undefined || b.polygon !== undefined,
    "Send capacity, targetCapacity or polygon.",
  );

/**
 * Admins set a location's maximum and target capacity and a zone's outline (any subset of them); a
 * new maximum reaches every watching browser at once.
 */
export const PUT = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  const patch = parseOrThrow(body, await readJsonOrThrow(req));
  await locationInScopeOrThrow(reg.db, principal, locationId);
  const r = await updateLocationSettings(reg.db, locationId, patch);
  if (!r.ok && r.reason === "not_found") throw new AppError("NOT_FOUND", "location not found");
  if (!r.ok)
    throw new AppError("VALIDATION", `The target (${r.targetCapacity}) cannot be above the maximum (${r.capacity}).`);
  // Every watching browser sees the change at once; a new zone outline also changes what is counted there.
  const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, r.settings[k as keyof typeof r.settings]]));
  await reg.hub.updateLocation(locationId, changed);
  return Response.json({ id: locationId, ...r.settings });
});
