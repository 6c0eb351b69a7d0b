import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { revokeKioskToken } from "@/lib/auth/kiosk-tokens";

/** Revokes a kiosk link: its display stops showing data. */
export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true });
    if (!(await revokeKioskToken(reg.db, { id, tenantId: principal.tenantId }))) throw new AuthError("NOT_FOUND", "kiosk link not found");
    reg.auth.log.info({ kioskId: id }, "kiosk link revoked");
    reg.kiosks?.revoked(id); // this node's displays now; other nodes' within their next check

    return new Response(null, { status: 204 });
  } catch (e) {
    return errorResponse(e);
  }
}
