import type { PlanGeometry } from "@/lib/maps/coords";
import type { Db } from "./db";

export interface MapImageRow extends PlanGeometry {
  mapId: string;
  contentType: string;
  etag: string | null;
  bytes: Uint8Array;
}

export async function findMapImage(db: Db, mapId: string): Promise<MapImageRow | null> {
  return db.mapImage.findUnique({ where: { mapId } });
}

export async function findMapMeta(db: Db, mapId: string) {
  return db.mapImage.findUnique({
    where: { mapId },
    select: {
      mapId: true,
      imageWidth: true,
      imageHeight: true,
      widthFt: true,
      lengthFt: true,
      offsetXFt: true,
      offsetYFt: true,
      etag: true,
    },
  });
}

export async function saveMapImage(db: Db, row: MapImageRow): Promise<void> {
  const data = { ...row, bytes: Buffer.from(row.bytes), fetchedAt: new Date() };
  await db.mapImage.upsert({ where: { mapId: row.mapId }, create: data, update: data });
}

/** A cached map's geometry changed (new image size, or the floor's dimension from Cisco); the image stays. */
export async function updateMapGeometry(db: Db, mapId: string, g: Partial<PlanGeometry>): Promise<boolean> {
  const r = await db.mapImage.updateMany({ where: { mapId }, data: g });
  return r.count > 0;
}

/** A query string naming the image's version, so a browser fetches a re-uploaded plan at once: "" without an ETag. */
export function imageVersion(etag: string | null): string {
  const v = etag?.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40);
  return v ? `?v=${v}` : "";
}
