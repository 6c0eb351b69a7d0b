import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { AppError } from "@/lib/errors";
import { errorHeaders } from "@/lib/http/errors";
import type { Db } from "@/lib/store/db";
import { findOAuthCode, insertOAuthCode, spendOAuthCode } from "@/lib/store/oauth-codes";
import type { AuthSettings } from "./context";
import { safeEqual, sha256Hex } from "@/lib/crypto/hash";

// Our side of Cisco Spaces' multi-tenant activation (Cisco Spaces Partner Ecosystem Guide, "Cloud: OAuth Integration"): the
// login URL checks who is asking and where the browser goes back to, the token URL trades a one-time
// code for a short-lived access token, and the app info URL answers for that token.

export const CODE_TTL_MS = 60_000;
export const ACCESS_TOKEN_TTL_SEC = 300;

export class OAuthError extends Error {
  constructor(
    readonly error:
      "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "unsupported_response_type",
    readonly description: string,
    readonly status = error === "invalid_client" ? 401 : 400,
  ) {
    super(description);
  }
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
}

/**
 * Checks the login URL's query. On any problem the page shows it and never redirects: a redirect URI
 * we did not check is exactly what an open redirect is made of.
 */
export function checkAuthorizeRequest(
  q: Record<string, string | undefined>,
  s: AuthSettings,
): { ok: true; request: AuthorizeRequest } | { ok: false; problem: string } {
  if (!s.oauth.clientSecret)
    return {
      ok: false,
      problem:
        "Sign-in for Cisco Spaces activation is not set up on this Floorpulse (OAUTH_CLIENT_SECRET is not configured).",
    };
  const clientId = q.client_id ?? "";
  const redirectUri = q.redirect_uri ?? "";
  const state = q.state ?? "";
  if (!clientId) return { ok: false, problem: "The request has no client_id." };
  if (!safeEqual(clientId, s.oauth.clientId)) {
    return {
      ok: false,
      problem: `The client_id "${clip(clientId)}" is not this Floorpulse's. Check the Client ID in the app's App Tile settings in the Cisco Spaces Partner Dashboard.`,
    };
  }
  if (!s.oauth.redirectUris.includes(redirectUri)) {
    return {
      ok: false,
      problem: `The redirect_uri "${clip(redirectUri)}" is not a Cisco Spaces OAuthValidation address, so Floorpulse will not send you there.`,
    };
  }
  if (q.response_type !== "code")
    return { ok: false, problem: `response_type must be "code", not "${clip(q.response_type ?? "")}".` };
  if (!/^[\w.~-]{1,256}$/.test(state)) return { ok: false, problem: "The state parameter is missing or malformed." };
  return { ok: true, request: { clientId, redirectUri, state } };
}

const clip = (v: string) => (v.length > 120 ? `${v.slice(0, 117)}...` : v);

/** A single-use code bound to its client and redirect URI; only its hash is stored. */
export async function issueCode(
  db: Db,
  o: AuthorizeRequest & { userId: string; partnerTenantId: string; now: number },
): Promise<string> {
  const code = randomBytes(20).toString("hex").toUpperCase();
  await insertOAuthCode(
    db,
    {
      codeHash: sha256Hex(code),
      clientId: o.clientId,
      redirectUri: o.redirectUri,
      userId: o.userId,
      partnerTenantId: o.partnerTenantId,
      expiresAt: new Date(o.now + CODE_TTL_MS),
    },
    { now: o.now, keepExpiredMs: CODE_TTL_MS },
  );
  return code;
}

export function redirectWithCode(redirectUri: string, code: string, state: string): string {
  const u = new URL(redirectUri);
  u.searchParams.set("code", code);
  u.searchParams.set("state", state);
  return u.toString();
}

/** Client authentication: HTTP Basic (RFC 6749 §2.3.1) or client_id/client_secret in the body, never both. */
export function authenticateClientOrThrow(
  fields: Record<string, unknown>,
  authorization: string | null,
  s: AuthSettings,
): string {
  let id = typeof fields.client_id === "string" ? fields.client_id : "";
  let secret = typeof fields.client_secret === "string" ? fields.client_secret : "";
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i)?.[1];
  if (basic) {
    if (secret) throw new OAuthError("invalid_request", "Use one client authentication method, not two.");
    const [u = "", p = ""] = Buffer.from(basic, "base64").toString().split(":");
    const [bu, bp] = [safeDecode(u), safeDecode(p)];
    if (id && id !== bu) throw new OAuthError("invalid_client", "client_id does not match the Authorization header.");
    id = bu;
    secret = bp;
  }
  const expected = s.oauth.clientSecret;
  // Both compared every time, in constant time, so the answer does not tell which one was wrong.
  const idOk = safeEqual(id, s.oauth.clientId);
  const secretOk = expected !== null && safeEqual(secret, expected);
  if (!idOk || !secretOk)
    throw new OAuthError(
      "invalid_client",
      expected ? "Unknown client or wrong client secret." : "OAuth is not configured on this Floorpulse.",
    );
  return id;
}

/** The client_id a token request names (Basic credentials first, else the body), right or not: a rate-limit key. */
export function claimedClientId(fields: Record<string, unknown>, authorization: string | null): string {
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i)?.[1];
  if (basic) return safeDecode(Buffer.from(basic, "base64").toString().split(":")[0] ?? "");
  return typeof fields.client_id === "string" ? fields.client_id : "";
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, " "));
  } catch {
    return v;
  }
}

/** Spends a code: unknown, spent, expired or presented by another client or redirect URI is invalid_grant. */
export async function redeemCodeOrThrow(
  db: Db,
  o: { code: string; clientId: string; redirectUri: string; now: number },
): Promise<{ userId: string; partnerTenantId: string; redirectUri: string }> {
  if (!o.code || o.code.length > 200) throw new OAuthError("invalid_grant", "The code is missing.");
  const codeHash = sha256Hex(o.code);
  const row = await findOAuthCode(db, codeHash);
  if (!row) throw new OAuthError("invalid_grant", "Unknown authorization code.");
  // Spent on first presentation, whatever happens next: a stolen code is worth one try at most.
  if (!(await spendOAuthCode(db, codeHash, o.now)))
    throw new OAuthError("invalid_grant", "The authorization code was already used.");
  if (row.expiresAt.getTime() <= o.now)
    throw new OAuthError("invalid_grant", "The authorization code has expired (codes live one minute).");
  if (row.clientId !== o.clientId)
    throw new OAuthError("invalid_grant", "The authorization code was issued to another client.");
  if (row.redirectUri !== o.redirectUri)
    throw new OAuthError("invalid_grant", "redirect_uri does not match the one the code was issued for.");
  return { userId: row.userId, partnerTenantId: row.partnerTenantId, redirectUri: row.redirectUri };
}

export interface AccessClaims {
  userId: string;
  email: string;
  partnerTenantId: string;
  /** The Cisco Spaces region the activation came from (its partner API host). */
  region: string;
}

export async function signAccessToken(
  key: Uint8Array,
  c: AccessClaims & { clientId: string; issuer: string; now: number },
): Promise<string> {
  const iat = Math.floor(c.now / 1000);
  return new SignJWT({ email: c.email, partnerTenantId: c.partnerTenantId, region: c.region })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(c.userId)
    .setIssuer(c.issuer)
    .setAudience(c.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SEC)
    .setJti(randomBytes(12).toString("hex"))
    .sign(key);
}

export async function verifyAccessToken(
  key: Uint8Array,
  token: string,
  o: { clientId: string; issuer: string; now: number },
): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: o.issuer,
      audience: o.clientId,
      currentDate: new Date(o.now),
      requiredClaims: ["exp", "sub"],
    });
    const { email, partnerTenantId, region } = payload as Record<string, unknown>;
    if (typeof email !== "string" || typeof partnerTenantId !== "string" || typeof region !== "string") return null;
    return { userId: payload.sub!, email, partnerTenantId, region };
  } catch {
    return null;
  }
}

/**
 * An error as RFC 6749 §5.2 wants it. An AppError from the shared request steps keeps its status
 * (429 as "slow_down" with Retry-After, 413 for a body over the limit); anything else it says is an invalid_request.
 */
export function oauthErrorResponse(e: OAuthError | AppError): Response {
  const error = e instanceof OAuthError ? e.error : e.code === "RATE_LIMITED" ? "slow_down" : "invalid_request";
  const description = e instanceof OAuthError ? e.description : e.message;
  return Response.json(
    { error, error_description: description },
    {
      status: e.status,
      headers: {
        ...errorHeaders(e),
        Pragma: "no-cache",
        ...(e.status === 401 ? { "WWW-Authenticate": 'Basic realm="floorpulse"' } : {}),
      },
    },
  );
}
