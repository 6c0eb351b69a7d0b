import type { Db } from "@/lib/store/db";
import { parseCalibration, type Calibration } from "@/lib/maps/calibration";

export async function readCalibration(db: Db, mapId: string): Promise<Calibration | null> {
  const r = await db.mapImage.findUnique({ where: { mapId }, select: { calibration: true } });
  return r ? parseCalibration(r.calibration) : null;
}

/** False when the map has not been fetched from Cisco Spaces yet. */
export async function saveCalibration(db: Db, mapId: string, c: Calibration): Promise<boolean> {
  const r = await db.mapImage.updateMany({ where: { mapId }, data: { calibration: JSON.stringify(c) } });
  return r.count === 1;
}

/** Which tenant's floors use this map (a map id is only ever used by one tenant's floors). */
export async function tenantsOfMap(db: Db, mapId: string): Promise<string[]> {
  const rows = await db.location.findMany({ where: { mapId }, select: { tenantId: true }, distinct: ["tenantId"] });
  return rows.map((r) => r.tenantId);
}
