import { notFound } from "next/navigation";
import { FloorView } from "@/components/floor-map/floor-view";
import { getRegistryOrThrow } from "@/lib/registry";
import { findLocation } from "@/lib/store/locations";
import { findMapMeta } from "@/lib/store/map-images";

export const dynamic = "force-dynamic";

export default async function LocationPage({ params }: { params: Promise<{ locationId: string }> }) {
  const { locationId } = await params;
  const { db } = getRegistryOrThrow();
  const floor = await findLocation(db, locationId);
  if (!floor) notFound();
  const [parent, meta] = await Promise.all([
    floor.parentId ? findLocation(db, floor.parentId) : null,
    floor.mapId ? findMapMeta(db, floor.mapId) : null,
  ]);
  const map = meta
    ? {
        url: `/api/maps/${encodeURIComponent(meta.mapId)}/image`,
        imageWidth: meta.imageWidth,
        imageHeight: meta.imageHeight,
        widthFt: meta.widthFt,
        lengthFt: meta.lengthFt,
      }
    : null;
  return <FloorView floor={floor} parent={parent} map={map} />;
}
