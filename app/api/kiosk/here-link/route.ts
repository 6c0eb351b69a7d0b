import { kioskTokenState } from "@/lib/auth/kiosk-tokens";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { AppError } from "@/lib/errors";
import { bearerToken } from "@/lib/http/bearer";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { hereLinkFor } from "@/lib/kiosk/here-code";

/** A fresh "You are here" code for a display (its kiosk link in Authorization: Bearer): the screen swaps it every few minutes. */
export const GET = route(async (req) => {
  const reg = authRegistryOrThrow();
  await rateLimitOrThrow(reg.auth.limits.display, req, reg.auth.settings.proxyHops);
  const link = await kioskTokenState(reg.db, bearerToken(req));
  if (link.state !== "active")
    throw new AppError(
      "UNAUTHENTICATED",
      link.state === "revoked" ? "This display link was revoked." : "This display link is not valid.",
    );
  // Per link as well: codes minted in a loop from many addresses run out.
  await takeOrThrow(reg.auth.limits.kiosk, link.kiosk.id);
  return Response.json(
    await hereLinkFor(reg.auth.dataKey, reg.auth.settings.publicUrl, link.kiosk.id, reg.auth.now()),
    { headers: { "Cache-Control": "no-store" } },
  );
});
