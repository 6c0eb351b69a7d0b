import type { Db } from "./db";

/** The tenant of the oldest live activation against `baseUrl` (the simulator's: the demo tenant). */
export async function firstActiveTenantAt(db: Db, baseUrl: string): Promise<string | null> {
  const a = await db.activation.findFirst({
    where: { baseUrl, status: { not: "deactivated" } },
    orderBy: { createdAt: "asc" },
    select: { tenantId: true },
  });
  return a?.tenantId ?? null;
}

/** Whether any live activation is against somewhere other than `baseUrl` (a real Cisco Spaces account). */
export async function hasActivationOutside(db: Db, baseUrl: string): Promise<boolean> {
  return (await db.activation.count({ where: { baseUrl: { not: baseUrl }, status: { not: "deactivated" } } })) > 0;
}
