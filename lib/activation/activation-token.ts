import { decodeJwt, importSPKI, jwtVerify, errors } from "jose";
import { z } from "zod";
import type { SpacesClient } from "@/lib/spaces/client";

// The activation token a customer pastes (shared/spec/single-tenant-activation-api.txt). Its baseUrl
// says where to fetch the key and activate, so it must be on our allowlist before we trust anything in it.

export const activationClaimsSchema = z.object({
  appId: z.string().min(1),
  version: z.string().min(1),
  activationRefId: z.string().min(1),
  customer: z.string().default(""),
  tenantId: z.union([z.number(), z.string()]),
  baseUrl: z.url(),
  partnerTenantId: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});
export type ActivationClaims = z.infer<typeof activationClaimsSchema>;

export class ActivationError extends Error {}

/** Reads the claims without trusting them, to learn the region and key version. */
export function peekActivationToken(token: string): ActivationClaims {
  let raw: unknown;
  try {
    raw = decodeJwt(token.trim());
  } catch {
    throw new ActivationError("This is not an activation token (not a JWT).");
  }
  const parsed = activationClaimsSchema.safeParse(raw);
  if (!parsed.success) throw new ActivationError(`The activation token lacks ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.`);
  return parsed.data;
}

export function normaliseBaseUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** Verifies the RS256 signature with the region's partnerPublicKey and checks expiry. */
export async function verifyActivationToken(token: string, client: SpacesClient, now = Date.now()): Promise<ActivationClaims> {
  const peek = peekActivationToken(token);
  const key = await importSPKI(await client.getPublicKeyPem(peek.version), "RS256");
  try {
    const { payload } = await jwtVerify(token.trim(), key, { algorithms: ["RS256"], currentDate: new Date(now) });
    return activationClaimsSchema.parse(payload);
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new ActivationError("The activation token has expired: generate a new one in Cisco Spaces.");
    if (e instanceof errors.JOSEError) throw new ActivationError("The activation token's signature is not valid for this region's Cisco Spaces key.");
    throw e;
  }
}
