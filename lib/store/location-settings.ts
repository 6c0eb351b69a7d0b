import type { Db } from "@/lib/store/db";
import { listLocations } from "@/lib/store/locations";
import { parsePolygon, type Polygon } from "@/lib/maps/polygon";

// What admins set on a location: maximum and target capacity, and a zone's outline on its floor.

export interface LocationSettings {
  capacity: number | null;
  targetCapacity: number | null;
  polygon: Polygon | null;
}

export type SettingsPatch = Partial<LocationSettings>;

const select = { id: true, tenantId: true, capacity: true, targetCapacity: true, polygon: true } as const;

/** Settings of every location (of one tenant when given), by id. */
export async function readLocationSettings(db: Db, tenantId?: string): Promise<Record<string, LocationSettings>> {
  const rows = await db.location.findMany({ where: tenantId ? { tenantId } : {}, select });
  return Object.fromEntries(
    rows.map((r) => [
      r.id,
      { capacity: r.capacity, targetCapacity: r.targetCapacity, polygon: parsePolygon(r.polygon) },
    ]),
  );
}

export type UpdateResult =
  | { ok: true; tenantId: string; settings: LocationSettings }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "target_above_capacity"; capacity: number; targetCapacity: number };

/**
 * Applies the fields present in `patch`; fields left out keep their value. The target must not
 * exceed the maximum once both are known, whichever of them the patch changes.
 */
export async function updateLocationSettings(db: Db, id: string, patch: SettingsPatch): Promise<UpdateResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.location.findUnique({ where: { id }, select });
    if (!row) return { ok: false, reason: "not_found" } as const;
    const next: LocationSettings = {
      capacity: patch.capacity !== undefined ? patch.capacity : row.capacity,
      targetCapacity: patch.targetCapacity !== undefined ? patch.targetCapacity : row.targetCapacity,
      polygon: patch.polygon !== undefined ? patch.polygon : parsePolygon(row.polygon),
    };
    if (next.capacity !== null && next.targetCapacity !== null && next.targetCapacity > next.capacity) {
      return {
        ok: false,
        reason: "target_above_capacity",
        capacity: next.capacity,
        targetCapacity: next.targetCapacity,
      } as const;
    }
    await tx.location.update({
      where: { id },
      data: {
        capacity: next.capacity,
        targetCapacity: next.targetCapacity,
        polygon: next.polygon ? JSON.stringify(next.polygon) : null,
      },
    });
    return { ok: true, tenantId: row.tenantId, settings: next } as const;
  });
}

export interface TenantLocationView {
  id: string;
  name: string;
  type: "ROOT" | "CAMPUS" | "BUILDING" | "FLOOR" | "ZONE" | "OTHER";
  parentId: string | null;
  mapId: string | null;
  capacity: number | null;
  targetCapacity: number | null;
  polygon: Polygon | null;
}

/** A tenant's locations as the browser sees them (LocationView plus target and outline), and their settings by id. */
export async function loadTenantLocations(
  db: Db,
  tenantId: string,
): Promise<{ locations: TenantLocationView[]; settings: Record<string, LocationSettings> }> {
  const locations: TenantLocationView[] = (await listLocations(db, tenantId)).map(({ tenantId: _, ...l }) => l);
  return {
    locations,
    settings: Object.fromEntries(
      locations.map((l) => [l.id, { capacity: l.capacity, targetCapacity: l.targetCapacity, polygon: l.polygon }]),
    ),
  };
}
