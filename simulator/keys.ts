import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";

// Cisco Spaces signs activation and app-tile tokens with RS256 and publishes the public keys by
// version at /client/v1/partner/partnerPublicKey; the `version` claim says which key signed a token.

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
    return { version, privateKey, publicKey, publicKeyB64: publicKey.export({ type: "spki", format: "der" }).toString("base64") };
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
}

export async function mintActivationToken(key: KeyPair, input: ActivationTokenInput): Promise<string> {
  const now = input.nowMs ?? Date.now();
  const ttl = input.ttlSeconds ?? 300;
  const iat = Math.floor(now / 1000);
  const exp = iat + ttl;
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
}

export async function mintLaunchToken(key: KeyPair, input: LaunchTokenInput): Promise<string> {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000);
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
