import type { Logger } from "@/lib/log";
import { assertAllowedBaseUrl, readUnverifiedOrThrow } from "@/lib/auth/cisco-jwt";
import { AppError } from "@/lib/errors";
import { createKeyCache, type KeyCache } from "@/lib/auth/public-keys";
import { createSpacesClient } from "@/lib/spaces/client";
import type { Db } from "@/lib/store/db";
import { activationRefUsed, saveActivation, type ActiveActivation } from "@/lib/store/activations";
import { peekActivationToken, verifyActivationToken } from "./activation-token";
import { activationFailure } from "./cisco-answer";
import { regionName, regionOf } from "./regions";

export interface ActivateOptions {
  token: string;
  kind: "single-tenant" | "on-prem";
  /** Base URLs we may call: Cisco's regions, plus the built-in simulator in simulator mode. */
  allowedBaseUrls: string[];
  /** The App Launch URL Cisco opens for this activation (single-tenant). */
  dashboardUrl?: string;
  /** Optional location name shown in Cisco Spaces (on-prem). */
  instanceName?: string;
  /** This install's region when it has one: a token from another region is refused before any call. */
  regionBaseUrl?: string | null;
  /** Our app id when configured: a token for another app is refused. */
  expectedAppId?: string | null;
  db: Db;
  log: Logger;
  keys?: KeyCache;
  fetch?: typeof fetch;
  now?: () => number;
  /** Seals the API key at rest (lib/crypto/data-key.ts resolveDataKey of the configuration). */
  dataKey: Buffer;
}

/**
 * The documented flow: verify the token with the region's public key, activate, keep the API key
 * (sealed). Every refusal is an AppError with a code the setup page explains.
 */
export async function activateWithToken(o: ActivateOptions): Promise<ActiveActivation> {
  const token = o.token.trim();
  readUnverifiedOrThrow(token);
  const claims = peekActivationToken(token);
  const baseUrl = assertAllowedBaseUrl(claims.baseUrl, o.allowedBaseUrls);
  if (o.regionBaseUrl && regionOf(o.regionBaseUrl) !== regionOf(baseUrl)) {
    throw new AppError(
      "REGION_MISMATCH",
      `This token is from Cisco Spaces ${regionName(baseUrl)} (${baseUrl}), but this Floorpulse is set up for ${regionName(o.regionBaseUrl)}.`,
    );
  }
  if (o.expectedAppId && claims.appId !== o.expectedAppId) {
    throw new AppError(
      "TOKEN_INVALID",
      `This activation token is for the app ${claims.appId}, not for Floorpulse (${o.expectedAppId}).`,
    );
  }
  // Sending a used token to Cisco makes it deactivate the app, so a token we already spent stops here.
  if (await activationRefUsed(o.db, claims.activationRefId)) {
    throw new AppError(
      "TOKEN_REUSED",
      "This activation token was already used to activate Floorpulse. A token works once: sending it to Cisco Spaces again would make Cisco deactivate the app. Generate a new token if you need another activation.",
    );
  }
  const now = o.now ?? Date.now;
  const verified = await verifyActivationToken(token, baseUrl, {
    keys: o.keys ?? createKeyCache({ fetch: o.fetch, now }),
    now,
  });
  const client = createSpacesClient(baseUrl, o.fetch);
  let apiKey: string;
  try {
    ({ apiKey } = await client.activate(o.kind, token, {
      appId: verified.appId,
      activationRefId: verified.activationRefId,
      ...(o.kind === "single-tenant" && o.dashboardUrl ? { appDashboardUrl: o.dashboardUrl } : {}),
      ...(o.kind === "on-prem" && o.instanceName ? { instanceName: o.instanceName } : {}),
    }));
  } catch (e) {
    const failure = activationFailure(e, baseUrl);
    o.log.warn({ baseUrl, code: failure.code, cisco: (e as Error).message }, "activation refused");
    throw failure;
  }
  const saved = await saveActivation(
    o.db,
    {
      kind: o.kind,
      appId: verified.appId,
      activationRefId: verified.activationRefId,
      baseUrl,
      apiKey,
      partnerTenantId: verified.partnerTenantId,
      tenantName: verified.customer || verified.partnerTenantId,
    },
    o.dataKey,
  );
  o.log.info({ activationId: saved.id, partnerTenantId: saved.partnerTenantId, baseUrl }, "activated");
  return saved;
}
