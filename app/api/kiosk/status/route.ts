import { errorResponse } from "@/lib/http/route";
import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { authRegistryOrThrow } from "@/lib/auth/registry";

/**
 * Whether a display link still works (link in Authorization: Bearer): a display whose socket was
 * refused asks here to tell "revoked" from "the server is having a moment".
 */
export async function GET(req: Request) {
  try {
    const reg = authRegistryOrThrow();
    const token = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const link = await kioskTokenState(reg.db, token);
    return Response.json({ state: link.state }, { status: link.state === "active" ? 200 : 401, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
