import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { calibrationSchema } from "@/lib/maps/calibration";
import { readCalibration, saveCalibration, tenantsOfMap } from "@/lib/store/calibration";
import { readJsonOrThrow } from "@/lib/http/body";

const validId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

async function mapOfTenantOrThrow(mapId: string, tenantId: string, db: Parameters<typeof tenantsOfMap>[0]) {
  if (!validId(mapId) || !(await tenantsOfMap(db, mapId)).includes(tenantId)) throw new AuthError("NOT_FOUND", "map not found");
}

export async function GET(req: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
    await mapOfTenantOrThrow(mapId, principal.tenantId, reg.db);
    const c = await readCalibration(reg.db, mapId);
    if (!c) throw new AuthError("NOT_FOUND", "map not found");
    return Response.json(c);
  } catch (e) {
    return errorResponse(e);
  }
}

/** Admins correct how Cisco positions land on this map: offset, scale, rotation, flip. */
export async function PUT(req: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
    await mapOfTenantOrThrow(mapId, principal.tenantId, reg.db);
    const parsed = calibrationSchema.strict().safeParse(await readJsonOrThrow(req, 2048));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new AuthError("VALIDATION", i ? `${i.path.join(".") || "calibration"}: ${i.message}` : "invalid calibration");
    }
    if (!(await saveCalibration(reg.db, mapId, parsed.data))) throw new AuthError("NOT_FOUND", "map not found");
    return Response.json(parsed.data);
  } catch (e) {
    return errorResponse(e);
  }
}
