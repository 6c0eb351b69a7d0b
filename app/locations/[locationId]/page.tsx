import { notFound } from "next/navigation";
import { FloorView } from "@/components/floor-map/floor-view";
import { locationTimeZone } from "@/lib/store/location-zone";
import { LocationOverview } from "@/components/location-tree/location-overview";
import { ZoneView } from "@/components/location-tree/zone-view";
import { NoAccountYet, SignInRequired } from "@/app/auth/_components/sign-in-required";
import { listAlerts } from "@/lib/store/alerts";
import { currentPrincipal } from "@/lib/auth/page";
import { retainedSpan } from "@/lib/history/positions";
import { positionRetentionMs } from "@/lib/privacy/retention";
import { recentShown } from "@/lib/history/query";
import { readCalibration } from "@/lib/store/calibration";
import { loadTenantLocations } from "@/lib/store/location-settings";
import { getRegistryOrThrow } from "@/lib/registry";
import { findMapMeta, imageVersion } from "@/lib/store/map-images";
import { planOf } from "@/lib/maps/plan";

export const dynamic = "force-dynamic";

/** Any location: a floor gets its map, a zone its own page, anything above them an overview of what is below. */
export default async function LocationPage({ params }: { params: Promise<{ locationId: string }> }) {
  const { locationId } = await params;
  const principal = await currentPrincipal();
  if (!principal || principal.kind === "kiosk")
    return <SignInRequired next={`/locations/${encodeURIComponent(locationId)}`} />;
  if (!principal.tenantId) return <NoAccountYet admin={principal.role === "admin"} />;
  const { db, config } = getRegistryOrThrow();
  const { locations, settings } = await loadTenantLocations(db, principal.tenantId);
  // Another tenant's location is as unknown as one that does not exist.
  const here = locations.find((l) => l.id === locationId);
  if (!here) notFound();
  const canEdit = principal.role === "admin";
  const below = locations.filter((l) => l.id === here.id || l.parentId === here.id).map((l) => l.id);
  const alerts = await listAlerts(db, { tenantId: principal.tenantId, locationIds: below, limit: 10 });
  // What every kind of location page is given.
  const shared = { locations, settings, alerts, canEdit };

  if (here.type === "FLOOR") {
    const timeZone = await locationTimeZone(db, here.id, config.TIME_ZONE);
    const [meta, calibration, span] = await Promise.all([
      here.mapId ? findMapMeta(db, here.mapId) : null,
      here.mapId ? readCalibration(db, here.mapId) : null,
      retainedSpan(db, here.id, { retentionMs: positionRetentionMs(config) }),
    ]);
    const map =
      meta && calibration
        ? planOf(meta, `/api/maps/${encodeURIComponent(meta.mapId)}/image${imageVersion(meta.etag)}`, calibration)
        : null;
    return (
      <FloorView key={here.id} {...shared} floorId={here.id} map={map} earliest={span.earliest} timeZone={timeZone} />
    );
  }
  if (here.type === "ZONE") return <ZoneView key={here.id} {...shared} zoneId={here.id} />;
  const sparklines = await recentShown(
    db,
    locations.filter((l) => l.type === "FLOOR").map((l) => l.id),
    Date.now(),
  );
  return <LocationOverview key={here.id} {...shared} scopeId={here.id} sparklines={sparklines} />;
}
