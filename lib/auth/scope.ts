import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { findTenantLocation, floorsUsingMap, tenantAncestors, tenantLocationTree } from "@/lib/store/location-scope";

// The one tenant and scope guard, for every route and socket handler: a location is visible only to
// its own tenant, and to a kiosk only inside its link's location subtree. Anything else is answered as
// "not found", so another tenant's ids cannot even be confirmed to exist.

export interface Scope {
  /** null: signed in, but no Cisco Spaces account is connected yet (sees nothing). */
  tenantId: string | null;
  /** A kiosk sees only this location and what is below it. */
  scopeLocationId: string | null;
}

/** A location's tenant and its ancestors, itself first. */
export interface Lineage {
  tenantId: string;
  ancestors: string[];
}

/** The rule itself, on a lineage from the database or from the live hierarchy in memory. */
export function lineageInScope(p: Scope, line: Lineage | null): boolean {
  if (!line || !p.tenantId || line.tenantId !== p.tenantId || !line.ancestors.length) return false;
  return p.scopeLocationId === null || line.ancestors.includes(p.scopeLocationId);
}

const plausibleId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= 200;

async function lineageOf(db: Db, tenantId: string, locationId: string): Promise<Lineage> {
  return { tenantId, ancestors: await tenantAncestors(db, tenantId, locationId) };
}

export async function canSeeLocation(db: Db, p: Scope, locationId: string): Promise<boolean> {
  if (!p.tenantId || !plausibleId(locationId)) return false;
  return lineageInScope(p, await lineageOf(db, p.tenantId, locationId));
}

/** The location (id and name) when `p` may see it; NOT_FOUND otherwise. */
export async function locationInScopeOrThrow(
  db: Db,
  p: Scope,
  locationId: string,
): Promise<{ id: string; name: string }> {
  const row = p.tenantId && plausibleId(locationId) ? await findTenantLocation(db, p.tenantId, locationId) : null;
  if (!row || !(await canSeeLocation(db, p, locationId))) throw new AppError("NOT_FOUND", "location not found");
  return row;
}

/** A floor map is visible when one of the tenant's floors inside `p`'s scope is drawn on it; NOT_FOUND otherwise. */
export async function mapInScopeOrThrow(db: Db, p: Scope, mapId: string): Promise<void> {
  if (p.tenantId && /^[A-Za-z0-9_-]{1,64}$/.test(mapId)) {
    for (const floorId of await floorsUsingMap(db, p.tenantId, mapId)) if (await canSeeLocation(db, p, floorId)) return;
  }
  throw new AppError("NOT_FOUND", "map not found");
}

/** Whether `locationId` is `scopeId` or below it in the tenant's hierarchy. */
export async function isWithinScope(db: Db, tenantId: string, scopeId: string, locationId: string): Promise<boolean> {
  return canSeeLocation(db, { tenantId, scopeLocationId: scopeId }, locationId);
}

/** Ids of every location `p` may see (one query, then the tree in memory). */
export async function visibleLocationIds(db: Db, p: Scope): Promise<Set<string>> {
  if (!p.tenantId) return new Set();
  const rows = await tenantLocationTree(db, p.tenantId);
  if (!p.scopeLocationId) return new Set(rows.map((r) => r.id));
  return rows.some((r) => r.id === p.scopeLocationId) ? subtreeIds(rows, p.scopeLocationId) : new Set();
}

/** Ids of `rootId` and everything below it (an id that is its own ancestor is visited once). */
export function subtreeIds(rows: readonly { id: string; parentId: string | null }[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
