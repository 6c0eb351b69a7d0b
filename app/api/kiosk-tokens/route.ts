import { z } from "zod";
import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse, readFields } from "@/lib/http/route";
import { createKioskToken, listKioskTokens } from "@/lib/auth/kiosk-tokens";
import { canSeeLocation } from "@/lib/auth/scope";

const createBody = z
  .object({
    locationId: z.string().min(1).max(200),
    label: z.string().trim().min(1, "Give the display a label.").max(80),
    theme: z.enum(["dark", "light"]).optional(),
    rotateSec: z.number().int().min(5).max(3600).optional(),
  })
  .strict();

/** The tenant's kiosk links (never their tokens). */
export async function GET(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"] });
    return Response.json({ kiosks: await listKioskTokens(reg.db, principal.tenantId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}

/** A new read-only kiosk link for one location subtree; its token is shown this once. */
export async function POST(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
    const body = createBody.safeParse(await readFields(req));
    if (!body.success) throw new AuthError("VALIDATION", body.error.issues.map((i) => i.message).join("; "));
    if (!(await canSeeLocation(reg.db, principal, body.data.locationId))) throw new AuthError("NOT_FOUND", "location not found");
    const { token, kiosk } = await createKioskToken(reg.db, { ...body.data, tenantId: principal.tenantId });
    reg.auth.log.info({ kioskId: kiosk.id, locationId: kiosk.locationId }, "kiosk link created");
    return Response.json({ kiosk, token, url: `${reg.auth.settings.publicUrl}/kiosk/${token}` }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
