import { getRegistryOrThrow } from "@/lib/registry";
import { findMapImage } from "@/lib/store/map-images";

// The floor image from our cache of the Map Image API: the browser never sees the API key.
export async function GET(req: Request, { params }: { params: Promise<{ mapId: string }> }) {
  const { mapId } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(mapId)) return Response.json({ error: "invalid map id" }, { status: 400 });
  const image = await findMapImage(getRegistryOrThrow().db, mapId);
  if (!image) return Response.json({ error: "map not found" }, { status: 404 });
  const etag = image.etag ?? `"${mapId}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": "private, max-age=300",
    "X-Content-Type-Options": "nosniff",
    // Map images may be SVG: never let one run script or load anything when opened directly.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(image.bytes), { headers: { ...headers, "Content-Type": image.contentType } });
}
