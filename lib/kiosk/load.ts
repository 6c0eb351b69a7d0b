import type { KioskTokenView } from "@/lib/auth/kiosk-tokens";
import { visibleLocationIds } from "@/lib/auth/scope";
import { readCalibration } from "@/lib/store/calibration";
import { loadTenantLocations, type LocationSettings, type TenantLocationView } from "@/lib/store/location-settings";
import type { Db } from "@/lib/store/db";
import { locationTimeZone } from "@/lib/store/location-zone";
import { findMapMeta, imageVersion } from "@/lib/store/map-images";
import { planOf, type FloorPlan } from "@/lib/maps/plan";

// What a kiosk display (or a visitor's "You are here") starts from: the link's subtree, its
// settings, and the floor plans Floorpulse holds for its floors.

export type KioskFloorMapView = FloorPlan;

export interface KioskStart {
  locations: TenantLocationView[];
  settings: Record<string, LocationSettings>;
  /** Floor plans by floor id; the image URL names the link (see app/api/maps/[mapId]/image). */
  maps: Record<string, KioskFloorMapView>;
  /** The IANA zone of the link's location (its building's): the display's clock and weekday. */
  timeZone: string;
}

export async function loadKioskStart(
  db: Db,
  kiosk: KioskTokenView,
  token: string,
  /** TIME_ZONE: the zone of locations whose building's zone Cisco has not stated. */
  defaultTimeZone: string,
): Promise<KioskStart> {
  const all = await loadTenantLocations(db, kiosk.tenantId);
  const visible = await visibleLocationIds(db, { tenantId: kiosk.tenantId, scopeLocationId: kiosk.locationId });
  const locations = all.locations.filter((l) => visible.has(l.id));
  const settings = Object.fromEntries(Object.entries(all.settings).filter(([id]) => visible.has(id)));
  const maps: Record<string, KioskFloorMapView> = {};
  for (const f of locations) {
    if (f.type !== "FLOOR" || !f.mapId) continue;
    const [meta, calibration] = await Promise.all([findMapMeta(db, f.mapId), readCalibration(db, f.mapId)]);
    if (!meta) continue;
    const url = `/api/maps/${encodeURIComponent(meta.mapId)}/image?kiosk=${encodeURIComponent(token)}${imageVersion(meta.etag).replace("?", "&")}`;
    maps[f.id] = planOf(meta, url, calibration);
  }
  return { locations, settings, maps, timeZone: await locationTimeZone(db, kiosk.locationId, defaultTimeZone) };
}
