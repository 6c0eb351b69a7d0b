import { authorizeOrThrow } from "@/lib/auth/authorize";
import { displayLinkState } from "@/lib/auth/here-links";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { mapInScopeOrThrow, type Scope } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { rateLimitOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import type { Db } from "@/lib/store/db";
import { findMapImage } from "@/lib/store/map-images";

// The floor image from our cache of the Map Image API: the browser never sees the API key.
// Only people of the tenant whose floor uses the map may see it; another tenant's map is "not found".
// A kiosk display (or a visitor's "You are here") loads it as an <img>, which cannot send headers, so
// it names its link in `?kiosk=`: only floors inside that link's subtree. Those pages send no Referer
// (proxy.ts), and the link is already in their own address, so this puts it nowhere new.
// A visitor's page names its "You are here" token instead (lib/auth/here-links).
async function kioskScopeOrThrow(db: Db, token: string, req: Request): Promise<Scope> {
  const { dataKey, now, limits, settings } = authRegistryOrThrow().auth;
  await rateLimitOrThrow(limits.display, req, settings.proxyHops);
  const link = await displayLinkState(db, dataKey, token, now());
  if (link.state !== "active") throw new AppError("UNAUTHENTICATED", "This display link is not valid or was revoked.");
  return { tenantId: link.kiosk.tenantId, scopeLocationId: link.kiosk.locationId };
}

export const GET = route<{ mapId: string }>(async (req, { mapId }) => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(mapId)) throw new AppError("VALIDATION", "invalid map id");
  const kioskToken = new URL(req.url).searchParams.get("kiosk");
  const { db } = authRegistryOrThrow();
  await mapInScopeOrThrow(
    db,
    kioskToken !== null
      ? await kioskScopeOrThrow(db, kioskToken, req)
      : (await authorizeOrThrow(req, { roles: ["admin", "viewer"] })).principal,
    mapId,
  );
  const image = await findMapImage(db, mapId);
  if (!image) throw new AppError("NOT_FOUND", "map not found");
  const etag = image.etag ?? `"${mapId}"`;
  const headers = {
    ETag: etag,
    // A display's copy is asked about again each time (a 304 while the link lives), so a revoked link
    // stops showing the plan at once; a signed-in browser may keep it for five minutes.
    "Cache-Control": kioskToken !== null ? "private, no-cache" : "private, max-age=300",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // Map images may be SVG: never let one run script or load anything when opened directly.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(image.bytes), { headers: { ...headers, "Content-Type": image.contentType } });
});
