import { displayLinkState } from "@/lib/auth/here-links";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { bearerToken } from "@/lib/http/bearer";
import { rateLimitOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";

/**
 * Whether a display link still works (link in Authorization: Bearer): a display whose socket was
 * refused asks here to tell "revoked" from "the server is having a moment".
 */
export const GET = route(async (req) => {
  const reg = authRegistryOrThrow();
  await rateLimitOrThrow(reg.auth.limits.display, req, reg.auth.settings.proxyHops);
  // A display names its link; a visitor's "You are here" page its code.
  const link = await displayLinkState(reg.db, reg.auth.dataKey, bearerToken(req), reg.auth.now());
  return Response.json(
    { state: link.state },
    { status: link.state === "active" ? 200 : 401, headers: { "Cache-Control": "no-store" } },
  );
});
