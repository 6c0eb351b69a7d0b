import type { Db } from "@/lib/store/db";
import type { AlertEvent, AlertLevel } from "@/lib/alerts/evaluate";

export interface AlertRow {
  id: string;
  tenantId: string;
  locationId: string;
  level: "busy" | "full";
  count: number;
  at: number;
  clearedAt: number | null;
  deliveredAt: number | null;
  attempts: number;
}

type Raw = {
  id: string;
  tenantId: string;
  locationId: string;
  level: string;
  count: number;
  at: Date;
  clearedAt: Date | null;
  deliveredAt: Date | null;
  attempts: number;
};
const toRow = (r: Raw): AlertRow => ({
  ...r,
  level: r.level === "full" ? "full" : "busy",
  at: r.at.getTime(),
  clearedAt: r.clearedAt?.getTime() ?? null,
  deliveredAt: r.deliveredAt?.getTime() ?? null,
});

/** The level each location is alerting at now (its open alert), to resume hysteresis after a restart. */
export async function openAlertLevels(db: Db, tenantId: string): Promise<Map<string, AlertLevel>> {
  const rows = await db.alert.findMany({ where: { tenantId, clearedAt: null }, orderBy: { at: "asc" } });
  return new Map(rows.map((r) => [r.locationId, r.level === "full" ? "full" : "busy"]));
}

/** Writes one crossing: a raise opens an alert, a clear closes the location's open alert of that level. */
export async function recordAlertEvent(db: Db, tenantId: string, e: AlertEvent): Promise<AlertRow | null> {
  if (e.kind === "raised") {
    return toRow(
      await db.alert.create({
        data: { tenantId, locationId: e.locationId, level: e.level, count: e.count, at: new Date(e.at) },
      }),
    );
  }
  const open = await db.alert.findFirst({
    where: { tenantId, locationId: e.locationId, level: e.level, clearedAt: null },
    orderBy: { at: "desc" },
  });
  if (!open) return null;
  return toRow(await db.alert.update({ where: { id: open.id }, data: { clearedAt: new Date(e.at) } }));
}

export async function markDelivery(db: Db, id: string, attempts: number, deliveredAt: number | null): Promise<void> {
  await db.alert.update({
    where: { id },
    data: {
      attempts: { increment: attempts },
      ...(deliveredAt !== null ? { deliveredAt: new Date(deliveredAt) } : {}),
    },
  });
}

/** Newest first: the in-app alert list. */
export async function listAlerts(
  db: Db,
  o: { tenantId?: string; locationIds?: string[]; limit?: number } = {},
): Promise<AlertRow[]> {
  const rows = await db.alert.findMany({
    where: {
      ...(o.tenantId ? { tenantId: o.tenantId } : {}),
      ...(o.locationIds ? { locationId: { in: o.locationIds } } : {}),
    },
    orderBy: { at: "desc" },
    take: o.limit ?? 20,
  });
  return rows.map(toRow);
}

/** Name, maximum and target of each of the tenant's locations: what an alert is judged against. */
export async function listLocationThresholds(
  db: Db,
  tenantId: string,
): Promise<Array<{ id: string; name: string; capacity: number | null; targetCapacity: number | null }>> {
  return db.location.findMany({
    where: { tenantId },
    select: { id: true, name: true, capacity: true, targetCapacity: true },
  });
}
