import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/http/route";
import { resolveKioskToken } from "@/lib/auth/kiosk-tokens";
import { authRegistryOrThrow } from "@/lib/auth/registry";
import { isWithinScope } from "@/lib/auth/scope";
import { findMapImage } from "@/lib/store/map-images";

// The floor image from our cache of the Map Image API: the browser never sees the API key.
// Only people of the tenant whose floor uses the map may see it; another tenant's map is "not found".
// A kiosk display (or a visitor's "You are here") loads it as an <img>, which cannot send headers, so
// it names its link in `?kiosk=`: only floors inside that link's subtree. Those pages send no Referer
// (proxy.ts), and the link is already in their own address, so this puts it nowhere new.
export async function GET(req: Request, { params }: { params: Promise<{ mapId: string }> }) {
  const { mapId } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(mapId)) return Response.json({ error: { code: "VALIDATION", message: "invalid map id" } }, { status: 400 });
  let image: Awaited<ReturnType<typeof findMapImage>>;
  try {
    const kioskToken = new URL(req.url).searchParams.get("kiosk");
    let floor: { id: string } | null;
    if (kioskToken !== null) {
      const reg = authRegistryOrThrow();
      const kiosk = await resolveKioskToken(reg.db, kioskToken);
      if (!kiosk) throw new AuthError("UNAUTHENTICATED", "This display link is not valid or was revoked.");
      const floors = await reg.db.location.findMany({ where: { mapId, tenantId: kiosk.tenantId }, select: { id: true } });
      floor = null;
      for (const f of floors) if (await isWithinScope(reg.db, kiosk.tenantId, kiosk.locationId, f.id)) floor = f;
      image = floor ? await findMapImage(reg.db, mapId) : null;
    } else {
      const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer"] });
      floor = await reg.db.location.findFirst({ where: { mapId, tenantId: principal.tenantId }, select: { id: true } });
      image = floor ? await findMapImage(reg.db, mapId) : null;
    }
    if (!image) throw new AuthError("NOT_FOUND", "map not found");
  } catch (e) {
    return errorResponse(e);
  }
  const etag = image.etag ?? `"${mapId}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": "private, max-age=300",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // Map images may be SVG: never let one run script or load anything when opened directly.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(image.bytes), { headers: { ...headers, "Content-Type": image.contentType } });
}
