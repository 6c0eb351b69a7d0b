import type { Db } from "@/lib/store/db";

/** Tenant t1 with one single-tenant activation a1: the rows an ingest writes against. */
export async function seedTenantAndActivation(db: Db): Promise<void> {
  await db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
  await db.activation.create({
    data: {
      id: "a1",
      tenantId: "t1",
      kind: "single-tenant",
      appId: "app",
      activationRefId: "ref1",
      baseUrl: "http://x",
      apiKey: "k",
    },
  });
}

/**
 * A single-tenant activation row on the first tenant, its API key stored exactly as given (the store's
 * sealing bypassed): what an older install or someone writing to the database directly leaves behind.
 */
export async function insertActivationRow(db: Db, activationRefId: string, apiKey: string) {
  const tenant = await db.tenant.findFirstOrThrow();
  return db.activation.create({
    data: {
      tenantId: tenant.id,
      kind: "single-tenant",
      appId: "app",
      activationRefId,
      baseUrl: "https://partners.dnaspaces.io",
      apiKey,
    },
  });
}
