import type { Db } from "./db";

/** Every tenant's name by id (the command-line tools label their lists with it). */
export async function tenantNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.tenant.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((t) => [t.id, t.name]));
}

/** The tenant a Cisco partnerTenantId names, created with `name` when there is none yet. */
export async function ensureTenant(db: Db, partnerTenantId: string, name: string): Promise<{ id: string }> {
  return db.tenant.upsert({
    where: { partnerTenantId },
    create: { partnerTenantId, name },
    update: {},
    select: { id: true },
  });
}

/** The tenant a Cisco partnerTenantId names here, or null. */
export async function findTenantByPartnerId(
  db: Db,
  partnerTenantId: string,
): Promise<{ id: string; name: string } | null> {
  return db.tenant.findUnique({ where: { partnerTenantId }, select: { id: true, name: true } });
}
