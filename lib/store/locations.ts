import type { LocationInfo } from "@/lib/occupancy/types";
import type { Db } from "./db";

export async function upsertLocations(db: Db, tenantId: string, locations: LocationInfo[]): Promise<void> {
  if (!locations.length) return;
  await db.$transaction(
    locations.map((l) =>
      db.location.upsert({
        where: { id: l.id },
        create: { id: l.id, tenantId, parentId: l.parentId, name: l.name, type: l.type, mapId: l.mapId },
        update: { parentId: l.parentId, name: l.name, type: l.type, mapId: l.mapId },
      }),
    ),
  );
}

export interface StoredLocation extends LocationInfo {
  capacity: number | null;
}

export async function listLocations(db: Db): Promise<StoredLocation[]> {
  const rows = await db.location.findMany({ orderBy: { name: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type as LocationInfo["type"], parentId: r.parentId, mapId: r.mapId, capacity: r.capacity }));
}

export async function findLocation(db: Db, id: string): Promise<StoredLocation | null> {
  const r = await db.location.findUnique({ where: { id } });
  return r ? { id: r.id, name: r.name, type: r.type as LocationInfo["type"], parentId: r.parentId, mapId: r.mapId, capacity: r.capacity } : null;
}

export async function setCapacity(db: Db, id: string, capacity: number | null): Promise<boolean> {
  const r = await db.location.updateMany({ where: { id }, data: { capacity } });
  return r.count === 1;
}
