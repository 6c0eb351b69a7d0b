import { AppError } from "@/lib/errors";
import { bearerToken } from "@/lib/http/bearer";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { hereLinkState } from "@/lib/auth/here-links";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { visitorIp } from "@/lib/kiosk/client-ip";
import { findVisitor } from "@/lib/kiosk/here";

/** "You are here": where this phone is now, within the display's area ("You are here" token in Authorization: Bearer). */
export const GET = route(async (req) => {
  const reg = authRegistryOrThrow();
  // The code is on a public screen: whoever scans it must not turn it into a stream of calls to Cisco,
  // from one address or from many (the per-link budget holds whatever addresses ask).
  await rateLimitOrThrow(reg.auth.limits.here, req, reg.auth.settings.proxyHops);
  // Only the short-lived token of the QR code works here; the kiosk's own link does not.
  const link = await hereLinkState(reg.db, reg.auth.dataKey, bearerToken(req), reg.auth.now());
  if (link.state !== "active") {
    throw new AppError(
      "UNAUTHENTICATED",
      link.state === "revoked"
        ? "This display link was revoked."
        : link.state === "expired"
          ? "This code has expired: scan the one on the screen again."
          : "This link is not valid.",
    );
  }
  await takeOrThrow(reg.auth.limits.hereKiosk, `kiosk:${link.kiosk.id}`);
  const answer = await findVisitor({
    db: reg.db,
    dataKey: reg.auth.dataKey,
    kiosk: link.kiosk,
    clientIp: visitorIp(req.headers, reg.auth.settings.proxyHops),
    venueIp: reg.venuePublicIp ?? null,
    locate: reg.locateDevice,
    allowedOrigins: reg.auth.settings.allowedBaseUrls,
  });
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
