import type { FirehoseEvent, LocationNode } from "@/lib/firehose/decode";
import type { Logger } from "@/lib/log";
import type { LocationInfo } from "@/lib/occupancy/types";
import type { SpacesClient } from "@/lib/spaces/client";
import { floorDimensionOf, sameDimension, type FloorDimension } from "@/lib/firehose/decode/map-details";
import type { Db } from "@/lib/store/db";
import { findMapMeta, saveMapImage, updateMapGeometry } from "@/lib/store/map-images";

// What the stream does not say about floors and buildings, fetched off the hot path: Location Info
// (names, types and parents where events lack them, the time zone, the floor's map and its size in
// feet), Map Image Info (image size) and the Map Image, revalidated by ETag. Map Image Info documents
// only mapId, imageWidth and imageHeight, so a floor's dimension comes from LOCATION_CHANGE and
// Location Info (Cisco Spaces Partner Ecosystem Guide, Firehose Supporting APIs).
// One request at a time from one queue; each job is keyed, so a burst of changes to one floor is one call.

/** Every cached map is checked against Cisco (If-None-Match) this often; a re-uploaded plan shows at the next check. */
export const MAP_REVALIDATE_MS = 15 * 60_000;

type LocationChange = Extract<FirehoseEvent, { type: "LOCATION_CHANGE" }>;

export interface FloorMapsOptions {
  client: SpacesClient;
  apiKey: string;
  /** Read at each call: an own API key learns its account's id from the stream. */
  partnerTenantId: () => string;
  /** Our tenant id (the Location rows' owner). */
  tenantId: string;
  db: Db;
  log: Logger;
  /** Feeds a Location Info chain into the location tree, as a LOCATION_CHANGE of the location would. */
  learn(chain: LocationNode[], mapId: string, timeZone: string): void;
  now?: () => number;
  revalidateMs?: number;
}

export interface FloorMaps {
  /** A location was learned or changed: a floor or building seen for the first time gets its Location Info; a new map is fetched. */
  seen(l: LocationInfo): void;
  /** LOCATION_CHANGE: its dimension and time zone are kept, its Location Info and map are checked again. */
  changed(e: LocationChange): void;
  /** Checks every known map against Cisco once (the timer does this; tests call it). Resolves when done. */
  revalidate(): Promise<void>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  close(): void;
}

export function createFloorMaps(o: FloorMapsOptions): FloorMaps {
  const log = o.log.child({ module: "floor-maps" });
  const now = o.now ?? Date.now;
  const asked = new Set<string>(); // locations whose Location Info was asked for
  const maps = new Set<string>(); // mapIds we keep current
  const dimensions = new Map<string, FloorDimension>(); // latest dimension Cisco sent, by mapId
  const refused = new Set<string>(); // 403/404 answers, logged once each
  const jobs = new Map<string, () => Promise<void>>();
  let running: Promise<void> | null = null;
  let closed = false;

  const kick = () => {
    running ??= drain().finally(() => {
      running = null;
      if (jobs.size && !closed) kick(); // queued while the last run was finishing
    });
  };
  const schedule = (key: string, job: () => Promise<void>) => {
    if (closed) return;
    jobs.set(key, job);
    kick();
  };

  async function drain() {
    while (jobs.size && !closed) {
      const [key, job] = jobs.entries().next().value!;
      jobs.delete(key);
      try {
        await job();
      } catch (e) {
        log.warn(
          { job: key, err: (e as Error).message },
          "Cisco Spaces location or map request failed; tried again at the next map check",
        );
      }
    }
  }

  async function locationInfo(id: string) {
    const r = await o.client.getLocationInfo(o.apiKey, o.partnerTenantId(), id);
    if (!r.found) {
      if (!refused.has(id))
        log.info(
          { locationId: id, status: r.status },
          "Location Info refused this location; its names and map come from events alone",
        );
      refused.add(id);
      return;
    }
    const { chain, timeZone, map } = r.info;
    if (chain[0]?.locationId !== id)
      return log.warn({ locationId: id }, "Location Info answered for another location; ignored");
    o.learn(chain, map?.mapId ?? "", timeZone);
    if (map?.mapId) {
      if (map.dimension) await keepDimension(map.mapId, map.dimension);
      track(map.mapId);
    }
  }

  /** Stores a floor's dimension now if its map is cached; otherwise it goes in with the image. */
  async function keepDimension(mapId: string, d: FloorDimension) {
    const before = dimensions.get(mapId) ?? null;
    dimensions.set(mapId, d);
    if (sameDimension(before, d)) return;
    if (await updateMapGeometry(o.db, mapId, d)) log.info({ mapId, ...d }, "floor dimension updated");
  }

  async function checkMap(mapId: string) {
    const cached = await findMapMeta(o.db, mapId);
    const info = await o.client.getMapInfo(o.apiKey, o.partnerTenantId(), mapId);
    const image = await o.client.getMapImage(o.apiKey, o.partnerTenantId(), mapId, cached?.etag);
    // Cisco's own dimension for the floor first; an undocumented one in Map Image Info next; then what we had.
    const d =
      dimensions.get(mapId) ??
      floorDimensionOf(info.dimension) ??
      (cached
        ? {
            widthFt: cached.widthFt,
            lengthFt: cached.lengthFt,
            offsetXFt: cached.offsetXFt ?? 0,
            offsetYFt: cached.offsetYFt ?? 0,
          }
        : null);
    if (!image) {
      // 304: the image is current; its size or the floor's dimension may still have changed.
      const had = cached
        ? {
            widthFt: cached.widthFt,
            lengthFt: cached.lengthFt,
            offsetXFt: cached.offsetXFt ?? 0,
            offsetYFt: cached.offsetYFt ?? 0,
          }
        : null;
      if (
        cached &&
        (cached.imageWidth !== info.imageWidth || cached.imageHeight !== info.imageHeight || !sameDimension(had, d))
      ) {
        await updateMapGeometry(o.db, mapId, { imageWidth: info.imageWidth, imageHeight: info.imageHeight, ...d });
      }
      return;
    }
    await saveMapImage(o.db, {
      mapId,
      imageWidth: info.imageWidth,
      imageHeight: info.imageHeight,
      widthFt: d?.widthFt ?? null,
      lengthFt: d?.lengthFt ?? null,
      offsetXFt: d?.offsetXFt ?? null,
      offsetYFt: d?.offsetYFt ?? null,
      contentType: image.contentType,
      etag: image.etag,
      bytes: image.bytes,
    });
    if (!d)
      log.warn(
        { mapId },
        "no floor dimension from Cisco Spaces yet: positions are drawn as pixels until it arrives or an admin calibrates the map",
      );
    log.info(
      { mapId, bytes: image.bytes.length, replaced: Boolean(cached), at: now() },
      cached ? "map image changed in Cisco Spaces: cached again" : "map image cached",
    );
  }

  const track = (mapId: string) => {
    if (maps.has(mapId)) return;
    maps.add(mapId);
    schedule(`map:${mapId}`, () => checkMap(mapId));
  };

  const timer = setInterval(() => void api.revalidate(), o.revalidateMs ?? MAP_REVALIDATE_MS);
  timer.unref();

  const api: FloorMaps = {
    seen(l) {
      if ((l.type === "FLOOR" || l.type === "BUILDING") && !asked.has(l.id)) {
        asked.add(l.id);
        schedule(`info:${l.id}`, () => locationInfo(l.id));
      }
      if (l.mapId) track(l.mapId);
    },
    changed(e) {
      const id = e.chain[0]!.locationId;
      if (e.change === "REMOVE") return void asked.delete(id);
      asked.add(id);
      const { mapId, dimension } = e;
      if (mapId && dimension) schedule(`dimension:${mapId}`, () => keepDimension(mapId, dimension));
      schedule(`info:${id}`, () => locationInfo(id));
      if (mapId) {
        maps.add(mapId);
        schedule(`map:${mapId}`, () => checkMap(mapId));
      }
    },
    revalidate() {
      for (const mapId of maps) schedule(`map:${mapId}`, () => checkMap(mapId));
      return api.idle();
    },
    idle: async () => {
      while (running) await running;
    },
    close() {
      closed = true;
      clearInterval(timer);
      jobs.clear();
    },
  };
  return api;
}
