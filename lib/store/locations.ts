import { parsePolygon } from "@/lib/maps/polygon";
import type { LocationInfo } from "@/lib/occupancy/types";
import type { Db } from "./db";
import { writeEach } from "./write-each";

export async function upsertLocations(db: Db, tenantId: string, locations: LocationInfo[]): Promise<void> {
  await writeEach(db, locations, (l) =>
    db.location.upsert({
      where: { id: l.id },
      // A zone only ever replaces a zone: a record without one leaves the stored zone as it was.
      create: {
        id: l.id,
        tenantId,
        parentId: l.parentId,
        name: l.name,
        type: l.type,
        mapId: l.mapId,
        timeZone: l.timeZone ?? null,
      },
      update: {
        parentId: l.parentId,
        name: l.name,
        type: l.type,
        mapId: l.mapId,
        ...(l.timeZone ? { timeZone: l.timeZone } : {}),
      },
    }),
  );
}

export interface StoredLocation extends LocationInfo {
  tenantId: string;
  capacity: number | null;
  targetCapacity: number | null;
  polygon: Array<[number, number]> | null;
}

type Row = {
  id: string;
  tenantId: string;
  name: string;
  type: string;
  parentId: string | null;
  mapId: string | null;
  capacity: number | null;
  targetCapacity: number | null;
  polygon: string | null;
};
const toStored = (r: Row): StoredLocation => ({
  id: r.id,
  tenantId: r.tenantId,
  name: r.name,
  type: r.type as LocationInfo["type"],
  parentId: r.parentId,
  mapId: r.mapId,
  capacity: r.capacity,
  targetCapacity: r.targetCapacity,
  polygon: parsePolygon(r.polygon),
});

/** Every location, or one tenant's. */
export async function listLocations(db: Db, tenantId?: string): Promise<StoredLocation[]> {
  const rows = await db.location.findMany({ where: tenantId ? { tenantId } : {}, orderBy: { name: "asc" } });
  return rows.map(toStored);
}

export async function findLocation(db: Db, id: string): Promise<StoredLocation | null> {
  const r = await db.location.findUnique({ where: { id } });
  return r ? toStored(r) : null;
}

/** Locations Cisco removed (LOCATION_CHANGE REMOVE); their minute history stays until retention ends. */
export async function removeLocations(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.location.deleteMany({ where: { id: { in: ids } } });
}

/** Zone outlines drawn by admins, in feet on their floor: [zoneId, [[x, y], ...]]. */
export async function listZonePolygons(db: Db, tenantId: string): Promise<Array<[string, Array<[number, number]>]>> {
  const rows = await db.location.findMany({
    where: { tenantId, polygon: { not: null } },
    select: { id: true, polygon: true },
  });
  // A malformed outline is ignored; the admin sees the zone without it.
  return rows.flatMap((r) => {
    const p = parsePolygon(r.polygon);
    return p ? [[r.id, p] as [string, Array<[number, number]>]] : [];
  });
}
