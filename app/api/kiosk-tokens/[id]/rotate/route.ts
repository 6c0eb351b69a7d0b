import { authorizeOrThrow } from "@/lib/auth/authorize";
import { rotateKioskToken } from "@/lib/auth/kiosk-tokens";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

/** Rotates a kiosk link: a new token with the same settings (shown this once); the old one is revoked. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  const fresh = await rotateKioskToken(reg.db, { id, tenantId: principal.tenantId });
  if (!fresh) throw new AppError("NOT_FOUND", "kiosk link not found");
  reg.auth.log.info({ kioskId: id, newKioskId: fresh.kiosk.id }, "kiosk link rotated");
  reg.kiosks?.revoked(id);
  return Response.json(
    { kiosk: fresh.kiosk, token: fresh.token, url: `${reg.auth.settings.publicUrl}/kiosk/${fresh.token}` },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
