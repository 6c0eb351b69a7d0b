import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

// Tokens made with node:crypto alone, to attack our verification from outside jose.

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

export function forgeUnsigned(payload: object): string {
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

export function forgeHs256(payload: object, secret: string | Buffer): string {
  const data = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${data}.${createHmac("sha256", secret).update(data).digest("base64url")}`;
}

export function forgeRs256(payload: object, privateKey: KeyObject, header: object = {}): string {
  const data = `${b64({ typ: "JWT", alg: "RS256", ...header })}.${b64(payload)}`;
  return `${data}.${sign("sha256", Buffer.from(data), privateKey).toString("base64url")}`;
}

/** The same token with its payload changed and the original signature kept. */
export function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split(".");
  const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
  change(payload);
  return `${h}.${b64(payload)}.${s}`;
}

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
}

export function rsaKeyPair() {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}
