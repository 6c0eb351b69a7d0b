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
