import type { Db } from "./db";

export interface MapImageRow {
  mapId: string;
  imageWidth: number;
  imageHeight: number;
  widthFt: number | null;
  lengthFt: number | null;
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
    select: { mapId: true, imageWidth: true, imageHeight: true, widthFt: true, lengthFt: true, etag: true },
  });
}

export async function saveMapImage(db: Db, row: MapImageRow): Promise<void> {
  const data = { ...row, bytes: Buffer.from(row.bytes), fetchedAt: new Date() };
  await db.mapImage.upsert({ where: { mapId: row.mapId }, create: data, update: data });
}
