import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

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

export interface FakeSpaces {
  url: string;
  /** Every request path it received. */
  hits: string[];
  keys: Map<string, KeyObject>;
  close(): Promise<void>;
}

/** A stand-in for a Cisco Spaces host that serves partnerPublicKey/:version and counts requests. */
export async function startFakeSpaces(keys: Map<string, KeyObject> = new Map()): Promise<FakeSpaces> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const m = (req.url ?? "").match(/^\/client\/v1\/partner\/partnerPublicKey\/([^/?]+)$/);
    const key = m ? keys.get(decodeURIComponent(m[1]!)) : undefined;
    res.setHeader("Content-Type", "application/json");
    if (!key) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ status: false, message: "Partner key not found", data: null }));
    }
    const publicKey = key.export({ type: "spki", format: "der" }).toString("base64");
    res.end(
      JSON.stringify({
        status: true,
        message: "Successfully fetched partner key.",
        data: { version: m![1], publicKey },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    keys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
