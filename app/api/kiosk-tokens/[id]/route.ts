import { authorizeOrThrow } from "@/lib/auth/authorize";
import { revokeKioskToken } from "@/lib/auth/kiosk-tokens";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

/** Revokes a kiosk link: its display stops showing data. */
export const DELETE = route<{ id: string }>(async (req, { id }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
  // Only the caller's tenant's links: another tenant's id is as unknown as one that never existed.
  if (!(await revokeKioskToken(reg.db, { id, tenantId: principal.tenantId })))
    throw new AppError("NOT_FOUND", "kiosk link not found");
  reg.auth.log.info({ kioskId: id }, "kiosk link revoked");
  reg.kiosks?.revoked(id); // this node's displays now; other nodes' within their next check
  return new Response(null, { status: 204 });
});
