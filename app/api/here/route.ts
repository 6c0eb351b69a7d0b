import { AppError } from "@/lib/errors";
import { bearerToken } from "@/lib/http/bearer";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";
import { rateLimitOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { visitorIp } from "@/lib/kiosk/client-ip";
import { findVisitor } from "@/lib/kiosk/here";

/** "You are here": where this phone is now, within the display link's area (link in Authorization: Bearer). */
export const GET = route(async (req) => {
  const reg = authRegistryOrThrow();
  // The link is on a public screen: whoever scans it must not turn it into a stream of calls to Cisco.
  rateLimitOrThrow(reg.auth.limits.here, req, reg.auth.settings.trustProxy);
  const link = await kioskTokenState(reg.db, bearerToken(req));
  if (link.state !== "active") throw new AppError("UNAUTHENTICATED", link.state === "revoked" ? "This display link was revoked." : "This display link is not valid.");
  const answer = await findVisitor({
    db: reg.db,
    dataKey: reg.auth.dataKey,
    kiosk: link.kiosk,
    clientIp: visitorIp(req.headers, reg.auth.settings.trustProxy, CLIENT_IP_HEADER),
    venueIp: reg.venuePublicIp ?? null,
    locate: reg.locateDevice,
  });
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
