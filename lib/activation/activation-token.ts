import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readUnverifiedOrThrow, verifyCiscoSignatureOrThrow, type VerifyDeps } from "@/lib/auth/cisco-jwt";

// The activation token a customer pastes (Cisco Spaces, "Single-Tenant Cloud App - API Integration"). Its baseUrl
// says where to fetch the key and activate, so it must be on our allowlist before we trust anything in it.

export const activationClaimsSchema = z.object({
  appId: z.string().min(1).max(200),
  version: z.string().min(1).max(50),
  activationRefId: z.string().min(1).max(200),
  customer: z.string().max(500).default(""),
  tenantId: z.union([z.number(), z.string()]),
  baseUrl: z.url(),
  partnerTenantId: z.string().min(1).max(200),
  iat: z.number(),
  exp: z.number(),
});
export type ActivationClaims = z.infer<typeof activationClaimsSchema>;

/** Errors of the activation flow carry the codes the setup page explains. */
export { AppError as ActivationError } from "@/lib/errors";

/** Reads the claims without trusting them, to learn the region and key version. */
export function peekActivationToken(token: string): ActivationClaims {
  const raw = readUnverifiedOrThrow(token.trim());
  const parsed = activationClaimsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "TOKEN_INVALID",
      `This is not a Cisco Spaces activation token: it lacks ${[...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ")}.`,
    );
  }
  return parsed.data;
}

export function normaliseBaseUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** Verifies the RS256 signature with the (allowlisted) region's partnerPublicKey and checks the times. */
export async function verifyActivationToken(token: string, baseUrl: string, d: VerifyDeps): Promise<ActivationClaims> {
  const peek = peekActivationToken(token);
  const payload = await verifyCiscoSignatureOrThrow(token.trim(), baseUrl, peek.version, "activation token", d);
  return activationClaimsSchema.parse(payload);
}
