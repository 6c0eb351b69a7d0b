import type { Db } from "@/lib/store/db";
import type { Principal } from "./principal";

// Tenant isolation for reads: a location is visible only to its own tenant, and to a kiosk only inside
// the token's location subtree. Callers answer "not found" for anything else.

const MAX_DEPTH = 16;

/** Whether `locationId` is `scopeId` or below it in the tenant's hierarchy. */
export async function isWithinScope(db: Db, tenantId: string, scopeId: string, locationId: string): Promise<boolean> {
  let id: string | null = locationId;
  for (let depth = 0; id && depth < MAX_DEPTH; depth++) {
    if (id === scopeId) return true;
    const row: { parentId: string | null } | null = await db.location.findFirst({ where: { id, tenantId }, select: { parentId: true } });
    id = row?.parentId ?? null;
  }
  return false;
}

export async function canSeeLocation(db: Db, p: Pick<Principal, "tenantId" | "scopeLocationId">, locationId: string): Promise<boolean> {
  if (!p.tenantId || typeof locationId !== "string" || locationId.length > 200) return false;
  const row = await db.location.findFirst({ where: { id: locationId, tenantId: p.tenantId }, select: { id: true } });
  if (!row) return false;
  return p.scopeLocationId ? isWithinScope(db, p.tenantId, p.scopeLocationId, locationId) : true;
}

/** Ids of every location the principal may see. */
export async function visibleLocationIds(db: Db, p: Pick<Principal, "tenantId" | "scopeLocationId">): Promise<Set<string>> {
  if (!p.tenantId) return new Set();
  const rows = await db.location.findMany({ where: { tenantId: p.tenantId }, select: { id: true, parentId: true } });
  if (!p.scopeLocationId) return new Set(rows.map((r) => r.id));
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<string>();
  const stack = rows.some((r) => r.id === p.scopeLocationId) ? [p.scopeLocationId] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
