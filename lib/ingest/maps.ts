import type { Logger } from "@/lib/log";
import type { SpacesClient } from "@/lib/spaces/client";
import type { Db } from "@/lib/store/db";
import { findMapMeta, saveMapImage } from "@/lib/store/map-images";

/** Fetches map info and image once per mapId (revalidated by ETag), off the hot path. */
export function createMapFetcher(client: SpacesClient, apiKey: string, tenant: string | (() => string), db: Db, log: Logger) {
  // A function when the tenant's id may be learnt later (an own API key learns it from the stream).
  const partnerTenantIdOf = typeof tenant === "string" ? () => tenant : tenant;
  const seen = new Set<string>();
  return {
    ensure(mapId: string | null): void {
      if (!mapId || seen.has(mapId)) return;
      seen.add(mapId);
      void (async () => {
        try {
          const cached = await findMapMeta(db, mapId);
          const partnerTenantId = partnerTenantIdOf();
          const info = await client.getMapInfo(apiKey, partnerTenantId, mapId);
          const image = await client.getMapImage(apiKey, partnerTenantId, mapId, cached?.etag);
          if (!image) return; // 304: the cached image is current
          await saveMapImage(db, {
            mapId,
            imageWidth: info.imageWidth,
            imageHeight: info.imageHeight,
            widthFt: info.dimension?.width ?? null,
            lengthFt: info.dimension?.length ?? null,
            contentType: image.contentType,
            etag: image.etag,
            bytes: image.bytes,
          });
          log.info({ mapId, bytes: image.bytes.length }, "map image cached");
        } catch (e) {
          seen.delete(mapId); // try again when the map is next seen
          log.warn({ mapId, err: (e as Error).message }, "map image fetch failed");
        }
      })();
    },
  };
}
