import { z } from "zod";
import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { updateLocationSettings } from "@/lib/store/location-settings";
import { polygonSchema } from "@/lib/maps/polygon";
import { readJsonOrThrow } from "@/lib/http/body";

const people = z.number().int().min(1).max(1_000_000).nullable();
const body = z
  .object({ capacity: people.optional(), targetCapacity: people.optional(), polygon: polygonSchema.nullable().optional() })
  .strict()
  .refine((b) => b.capacity !== undefined || b.targetCapacity !== undefined || b.polygon !== undefined, "Send capacity, targetCapacity or polygon.");

const MESSAGES: Record<string, string> = {
  capacity: "capacity must be a whole number from 1 to 1000000, or null",
  targetCapacity: "targetCapacity must be a whole number from 1 to 1000000, or null",
  polygon: "polygon must be null or 3 to 200 [x, y] corners in feet",
};

/**
 * Admins set a location's maximum and target capacity and a zone's outline (any subset of them); a
 * new maximum reaches every watching browser at once.
 */
export async function PUT(req: Request, { params }: { params: Promise<{ locationId: string }> }) {
  try {
    const { locationId } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
    const parsed = body.safeParse(await readJsonOrThrow(req));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AuthError("VALIDATION", MESSAGES[String(issue?.path[0] ?? "")] ?? issue?.message ?? "invalid body");
    }
    const owner = await reg.db.location.findUnique({ where: { id: locationId }, select: { tenantId: true } });
    // Another tenant's location is as unknown as one that does not exist.
    if (!owner || owner.tenantId !== principal.tenantId) throw new AuthError("NOT_FOUND", "location not found");
    const r = await updateLocationSettings(reg.db, locationId, parsed.data);
    if (!r.ok && r.reason === "not_found") throw new AuthError("NOT_FOUND", "location not found");
    if (!r.ok) throw new AuthError("VALIDATION", `The target (${r.targetCapacity}) cannot be above the maximum (${r.capacity}).`);
    // Every watching browser sees the change at once; a new zone outline also changes what is counted there.
    const patch = Object.fromEntries(Object.keys(parsed.data).map((k) => [k, r.settings[k as keyof typeof r.settings]]));
    await reg.hub.updateLocation(locationId, patch);
    return Response.json({ id: locationId, ...r.settings });
  } catch (e) {
    return errorResponse(e);
  }
}
