import type { Db } from "./db";

export interface ActiveActivation {
  id: string;
  tenantId: string;
  baseUrl: string;
  apiKey: string;
  appId: string;
  partnerTenantId: string;
  tenantName: string;
}

export async function findActiveActivations(db: Db): Promise<ActiveActivation[]> {
  const rows = await db.activation.findMany({ where: { status: { not: "deactivated" } }, include: { tenant: true } });
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    baseUrl: r.baseUrl,
    apiKey: r.apiKey,
    appId: r.appId,
    partnerTenantId: r.tenant.partnerTenantId,
    tenantName: r.tenant.name,
  }));
}

export interface NewActivation {
  kind: "single-tenant" | "on-prem" | "oauth";
  appId: string;
  activationRefId: string;
  baseUrl: string;
  apiKey: string;
  partnerTenantId: string;
  tenantName: string;
}

export async function saveActivation(db: Db, a: NewActivation): Promise<ActiveActivation> {
  const tenant = await db.tenant.upsert({
    where: { partnerTenantId: a.partnerTenantId },
    create: { partnerTenantId: a.partnerTenantId, name: a.tenantName },
    update: { name: a.tenantName },
  });
  const row = await db.activation.create({
    data: {
      tenantId: tenant.id,
      kind: a.kind,
      appId: a.appId,
      activationRefId: a.activationRefId,
      baseUrl: a.baseUrl,
      apiKey: a.apiKey,
    },
  });
  return { id: row.id, tenantId: tenant.id, baseUrl: row.baseUrl, apiKey: row.apiKey, appId: row.appId, partnerTenantId: a.partnerTenantId, tenantName: tenant.name };
}

export async function setActivationStatus(db: Db, id: string, status: "active" | "unhealthy" | "deactivated", message: string | null) {
  await db.activation.update({ where: { id }, data: { status, statusMessage: message } });
}
