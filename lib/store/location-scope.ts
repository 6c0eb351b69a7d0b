import type { Db } from "./db";

// The reads behind the tenant and kiosk-scope guard (lib/auth/scope.ts): only ever within one tenant.

const MAX_DEPTH = 16;

/** The location when it belongs to the tenant. */
export async function findTenantLocation(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{ id: string; name: string } | null> {
  return db.location.findFirst({ where: { id, tenantId }, select: { id: true, name: true } });
}

/** The location and its ancestors within the tenant, itself first; empty when the tenant has no such location. */
export async function tenantAncestors(db: Db, tenantId: string, id: string): Promise<string[]> {
  const out: string[] = [];
  let next: string | null = id;
  for (let depth = 0; next && depth < MAX_DEPTH; depth++) {
    const row: { id: string; parentId: string | null } | null = await db.location.findFirst({
      where: { id: next, tenantId },
      select: { id: true, parentId: true },
    });
    if (!row) break;
    out.push(row.id);
    next = row.parentId;
  }
  return out;
}

/** Every location of the tenant with its parent, for walking the tree in memory. */
export async function tenantLocationTree(
  db: Db,
  tenantId: string,
): Promise<Array<{ id: string; parentId: string | null }>> {
  return db.location.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
}

/** The tenant's floors drawn on this map. */
export async function floorsUsingMap(db: Db, tenantId: string, mapId: string): Promise<string[]> {
  const rows = await db.location.findMany({ where: { mapId, tenantId }, select: { id: true } });
  return rows.map((r) => r.id);
}
