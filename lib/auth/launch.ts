import { z } from "zod";
import type { Db } from "@/lib/store/db";
import { findTenantWithLiveActivations, spendLaunchToken } from "@/lib/store/launch-tokens";
import {
  assertAllowedBaseUrl,
  CLOCK_SKEW_SEC,
  readUnverifiedOrThrow,
  verifyCiscoSignatureOrThrow,
  type VerifyDeps,
} from "./cisco-jwt";
import { sha256Hex } from "@/lib/crypto/hash";
import { AppError } from "@/lib/errors";

// The app-tile launch (Cisco Spaces Partner Ecosystem Guide, "Launch Partner App Dashboard - Auto Login"): Cisco Spaces POSTs
// {token, version, appId}; the token is an RS256 JWT for one user of one activated tenant. The token
// names no host, so its key comes from the region of that tenant's activation, which is allowlisted.

export const launchClaimsSchema = z.object({
  version: z.string().min(1).max(50),
  appId: z.string().min(1).max(200),
  tenantId: z.union([z.number(), z.string()]).optional(),
  partnerTenantId: z.string().min(1).max(200),
  userId: z.string().trim().min(3).max(320),
  iat: z.number(),
  exp: z.number(),
});
export type LaunchClaims = z.infer<typeof launchClaimsSchema>;

export const launchBodySchema = z.object({
  token: z.string().min(1, "The launch carried no token.").max(8192),
  version: z.string().max(50).optional(),
  appId: z.string().max(200).optional(),
});

export interface LaunchDeps extends VerifyDeps {
  db: Db;
  allowedBaseUrls: string[];
  /** Our configured app id; launches for another app are refused. */
  appId: string | null;
}

export interface VerifiedLaunch {
  claims: LaunchClaims;
  tenant: { id: string; partnerTenantId: string; name: string };
}

export async function verifyLaunchOrThrow(
  body: z.infer<typeof launchBodySchema>,
  d: LaunchDeps,
): Promise<VerifiedLaunch> {
  const token = body.token.trim();
  const parsed = launchClaimsSchema.safeParse(readUnverifiedOrThrow(token));
  if (!parsed.success)
    throw new AppError(
      "TOKEN_INVALID",
      `This is not a Cisco Spaces launch token: it lacks ${[...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ")}.`,
    );
  const peek = parsed.data;
  if ((body.appId && body.appId !== peek.appId) || (body.version && body.version !== peek.version)) {
    throw new AppError("TOKEN_INVALID", "The launch form's appId or version does not match its token.");
  }
  if (d.appId && peek.appId !== d.appId)
    throw new AppError("TOKEN_INVALID", `This launch is for another app (${peek.appId}), not Floorpulse (${d.appId}).`);

  const tenant = await findTenantWithLiveActivations(d.db, peek.partnerTenantId);
  const activation = tenant?.activations.find((a) => a.appId === peek.appId) ?? tenant?.activations[0];
  if (!tenant || !activation) {
    throw new AppError(
      "NOT_ACTIVATED",
      `Floorpulse is not activated for this Cisco Spaces account (partner tenant ${peek.partnerTenantId}). An admin activates it first.`,
    );
  }
  if (!d.appId && activation.appId !== peek.appId)
    throw new AppError("TOKEN_INVALID", `This launch is for another app (${peek.appId}), not the one activated here.`);
  const baseUrl = assertAllowedBaseUrl(activation.baseUrl, d.allowedBaseUrls);

  const claims = launchClaimsSchema.parse(
    await verifyCiscoSignatureOrThrow(token, baseUrl, peek.version, "launch token", d),
  );
  if (claims.partnerTenantId !== peek.partnerTenantId)
    throw new AppError("TOKEN_INVALID", "The launch token changed while it was checked.");
  await spendOrThrow(d.db, token, claims.exp, d.now());
  return { claims, tenant: { id: tenant.id, partnerTenantId: tenant.partnerTenantId, name: tenant.name } };
}

/** Each launch token signs in once: a copied or replayed one is refused until long after it expired. */
async function spendOrThrow(db: Db, token: string, exp: number, now: number): Promise<void> {
  if (!(await spendLaunchToken(db, sha256Hex(token), { expiresAt: new Date((exp + CLOCK_SKEW_SEC) * 1000), now }))) {
    throw new AppError(
      "TOKEN_REUSED",
      "This launch was already used. Open Floorpulse again from its app tile in Cisco Spaces.",
    );
  }
}
