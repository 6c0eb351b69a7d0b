import type { Logger } from "@/lib/log";
import { createSpacesClient } from "@/lib/spaces/client";
import type { Db } from "@/lib/store/db";
import { saveActivation, type ActiveActivation } from "@/lib/store/activations";
import { ActivationError, normaliseBaseUrl, peekActivationToken, verifyActivationToken } from "./activation-token";

export interface ActivateOptions {
  token: string;
  kind: "single-tenant" | "on-prem";
  /** Base URLs we may call: Cisco's regions, plus the built-in simulator in simulator mode. */
  allowedBaseUrls: string[];
  dashboardUrl?: string;
  db: Db;
  log: Logger;
}

/** The documented flow: verify the token with the region's public key, activate, keep the API key. */
export async function activateWithToken(o: ActivateOptions): Promise<ActiveActivation> {
  const claims = peekActivationToken(o.token);
  const baseUrl = normaliseBaseUrl(claims.baseUrl);
  if (!o.allowedBaseUrls.map(normaliseBaseUrl).includes(baseUrl)) {
    throw new ActivationError(`The activation token names ${baseUrl}, which is not a Cisco Spaces region we talk to.`);
  }
  const client = createSpacesClient(baseUrl);
  const verified = await verifyActivationToken(o.token, client);
  const { apiKey } = await client.activate(o.kind, o.token.trim(), {
    appId: verified.appId,
    activationRefId: verified.activationRefId,
    ...(o.dashboardUrl ? { appDashboardUrl: o.dashboardUrl } : {}),
  });
  const saved = await saveActivation(o.db, {
    kind: o.kind,
    appId: verified.appId,
    activationRefId: verified.activationRefId,
    baseUrl,
    apiKey,
    partnerTenantId: verified.partnerTenantId,
    tenantName: verified.customer || verified.partnerTenantId,
  });
  o.log.info({ activationId: saved.id, partnerTenantId: saved.partnerTenantId, baseUrl }, "activated");
  return saved;
}
