import { z } from "zod";
import { authorizeOrThrow } from "@/lib/auth/authorize";
import { createKioskToken, listKioskTokens } from "@/lib/auth/kiosk-tokens";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { readFields } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

const createBody = z
  .object({
    locationId: z.string().min(1).max(200),
    label: z.string().trim().min(1, "Give the display a label.").max(80),
    theme: z.enum(["dark", "light"]).optional(),
    rotateSec: z.number().int().min(5).max(3600).optional(),
    /** The link stops working this many days after it is made (default: until revoked). */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

/** The tenant's kiosk links (never their tokens). */
export const GET = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"] });
  return Response.json(
    { kiosks: await listKioskTokens(reg.db, principal.tenantId) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** A new read-only kiosk link for one location subtree; its token is shown this once. */
export const POST = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  const body = parseOrThrow(createBody, await readFields(req));
  await locationInScopeOrThrow(reg.db, principal, body.locationId);
  const { token, kiosk } = await createKioskToken(reg.db, { ...body, tenantId: principal.tenantId });
  reg.auth.log.info({ kioskId: kiosk.id, locationId: kiosk.locationId }, "kiosk link created");
  return Response.json(
    { kiosk, token, url: `${reg.auth.settings.publicUrl}/kiosk/${token}` },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
