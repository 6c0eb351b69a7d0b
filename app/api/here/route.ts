import { AuthError } from "@/lib/errors";
import { errorResponse, rateLimitOrThrow } from "@/lib/http/route";
import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { CLIENT_IP_HEADER } from "@/lib/auth/principal";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { visitorIp } from "@/lib/kiosk/client-ip";
import { findVisitor } from "@/lib/kiosk/here";

/** "You are here": where this phone is now, within the display link's area (link in Authorization: Bearer). */
export async function GET(req: Request) {
  try {
    const reg = authRegistryOrThrow();
    // The link is on a public screen: whoever scans it must not turn it into a stream of calls to Cisco.
    rateLimitOrThrow(reg.auth.limits.here, req, reg.auth.settings.trustProxy);
    const token = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const link = await kioskTokenState(reg.db, token);
    if (link.state !== "active") throw new AuthError("UNAUTHENTICATED", link.state === "revoked" ? "This display link was revoked." : "This display link is not valid.");
    const answer = await findVisitor({
      db: reg.db,
      kiosk: link.kiosk,
      clientIp: visitorIp(req.headers, reg.auth.settings.trustProxy, CLIENT_IP_HEADER),
      venueIp: reg.venuePublicIp ?? null,
      locate: reg.locateDevice,
    });
    return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
