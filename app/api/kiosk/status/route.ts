import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { bearerToken } from "@/lib/http/bearer";
import { route } from "@/lib/http/route";

/**
 * Whether a display link still works (link in Authorization: Bearer): a display whose socket was
 * refused asks here to tell "revoked" from "the server is having a moment".
 */
export const GET = route(async (req) => {
  const reg = authRegistryOrThrow();
  const link = await kioskTokenState(reg.db, bearerToken(req));
  return Response.json({ state: link.state }, { status: link.state === "active" ? 200 : 401, headers: { "Cache-Control": "no-store" } });
});
