import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { decodeJwt, errors, jwtVerify, SignJWT } from "jose";

// Cisco Spaces signs activation and app-tile tokens with RS256 and publishes the public keys by
// version at /client/v1/partner/partnerPublicKey; the `version` claim says which key signed a token.
// Key pairs are made fresh at each start: tokens minted by an earlier run are refused.

export interface KeyPair {
  version: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Base64 DER SubjectPublicKeyInfo, as the partnerPublicKey API returns it. */
  publicKeyB64: string;
}

export function createKeyPairs(versions: string[] = ["v1", "v2"]): KeyPair[] {
  return versions.map((version) => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return {
      version,
      privateKey,
      publicKey,
      publicKeyB64: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    };
  });
}

export interface ActivationTokenInput {
  appId: string;
  partnerTenantId: string;
  tenantId: number;
  customer: string;
  baseUrl: string;
  /** Lifetime in seconds; negative mints an already expired token. */
  ttlSeconds?: number;
  activationRefId?: string;
  nowMs?: number;
  /** Shifts iat and exp (a clock-skew fault). */
  skewSeconds?: number;
}

export async function mintActivationToken(key: KeyPair, input: ActivationTokenInput): Promise<string> {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000) + (input.skewSeconds ?? 0);
  const exp = iat + (input.ttlSeconds ?? 300);
  return new SignJWT({
    appId: input.appId,
    version: key.version,
    activationRefId: input.activationRefId ?? randomBytes(16).toString("hex").toUpperCase(),
    customer: input.customer,
    expiresIn: exp * 1000,
    tenantId: input.tenantId,
    baseUrl: input.baseUrl,
    partnerTenantId: input.partnerTenantId,
  })
    .setProtectedHeader({ typ: "JWT", alg: "RS256" })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}

export interface LaunchTokenInput {
  appId: string;
  partnerTenantId: string;
  tenantId: number;
  userId: string;
  ttlSeconds?: number;
  nowMs?: number;
  skewSeconds?: number;
}

export async function mintLaunchToken(key: KeyPair, input: LaunchTokenInput): Promise<string> {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000) + (input.skewSeconds ?? 0);
  return new SignJWT({
    version: key.version,
    appId: input.appId,
    tenantId: input.tenantId,
    partnerTenantId: input.partnerTenantId,
    userId: input.userId,
  })
    .setProtectedHeader({ typ: "JWT", alg: "RS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.ttlSeconds ?? 120))
    .sign(key.privateKey);
}

export type TokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: "invalid" | "expired" };

/** Verifies one of our own tokens: RS256 with the key its `version` claim names. */
export async function verifyOwnToken(keys: KeyPair[], token: string, nowMs: number): Promise<TokenCheck> {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const key = keys.find((k) => k.version === claims.version);
  if (!key) return { ok: false, reason: "invalid" };
  try {
    await jwtVerify(token, key.publicKey, { algorithms: ["RS256"], currentDate: new Date(nowMs) });
    return { ok: true, claims };
  } catch (e) {
    return { ok: false, reason: e instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
