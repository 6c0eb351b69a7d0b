import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// API keys are an HMAC of what they grant, keyed by the seed: a simulator restarted with the same
// seed accepts every key it handed out before (the app keeps its activation across restarts).

export type KeyKind = "single-tenant" | "on-prem" | "partner";

export interface KeyClaims {
  kind: KeyKind;
  /** activationRefId for token activations; "partner" for the partner key. */
  ref: string;
  /** Tenant indexes the key carries; the partner key carries every tenant activated for the app. */
  tenants: number[];
}

export interface ApiKeys {
  mint(claims: KeyClaims): string;
  verify(key: string | undefined): KeyClaims | null;
}

export function createApiKeys(seed: number): ApiKeys {
  const secret = createHash("sha256").update(`simulator-api-key|${seed}`).digest();
  const mac = (body: string) => createHmac("sha256", secret).update(body).digest();
  return {
    mint(c) {
      const body = Buffer.from(JSON.stringify({ k: c.kind, r: c.ref, t: c.tenants })).toString("base64url");
      return `${body}.${mac(body).toString("base64url")}`;
    },
    verify(key) {
      if (!key || key.length > 1024) return null;
      const [body, sig, extra] = key.split(".");
      if (!body || !sig || extra !== undefined) return null;
      const given = Buffer.from(sig, "base64url");
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const v = JSON.parse(Buffer.from(body, "base64url").toString()) as { k?: unknown; r?: unknown; t?: unknown };
        if (typeof v.k !== "string" || typeof v.r !== "string" || !Array.isArray(v.t)) return null;
        return { kind: v.k as KeyKind, ref: v.r, tenants: v.t.filter((n): n is number => Number.isInteger(n)) };
      } catch {
        return null;
      }
    },
  };
}
