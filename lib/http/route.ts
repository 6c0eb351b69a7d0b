import { getRegistryOrThrow } from "@/lib/registry";
import { authRegistryOrThrow, type AuthRegistry } from "@/lib/auth/registry";
import { assertCsrfOrThrow } from "@/lib/auth/csrf";
import { AuthError, errorJson } from "@/lib/errors";
import { CLIENT_IP_HEADER, factsFromHeaders, resolvePrincipal, type Principal } from "@/lib/auth/principal";
import type { RateLimiter } from "@/lib/http/rate-limit";
import type { Role } from "@/lib/auth/roles";

// The few steps every route handler shares: who is asking, may they, not too often, and one way to
// answer errors. Unknown errors become a logged 500 with a generic body.

export function clientKey(req: Request, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.headers.get(CLIENT_IP_HEADER) || "unknown";
}

export function rateLimitOrThrow(limiter: RateLimiter, req: Request, trustProxy: boolean): void {
  const r = limiter.take(clientKey(req, trustProxy));
  if (!r.ok) throw Object.assign(new AuthError("RATE_LIMITED", `Too many attempts: wait ${r.retryAfterSec} s and try again.`), { retryAfterSec: r.retryAfterSec });
}

/** Seconds a rate-limited caller should wait, as the Retry-After header wants it. */
export function retryAfterHeaders(e: unknown): Record<string, string> {
  const sec = (e as { retryAfterSec?: number } | null)?.retryAfterSec;
  return sec ? { "Retry-After": String(sec) } : {};
}

export interface Authorized {
  principal: Principal & { tenantId: string };
  reg: AuthRegistry;
}

/**
 * The caller, when their role is one of `roles` and they belong to a tenant. Changes (`csrf: true`)
 * also need proof they come from our own pages.
 */
export async function authorizeOrThrow(req: Request, o: { roles: Role[]; csrf?: boolean; tenantOptional?: false }): Promise<Authorized>;
export async function authorizeOrThrow(req: Request, o: { roles: Role[]; csrf?: boolean; tenantOptional: true }): Promise<{ principal: Principal; reg: AuthRegistry }>;
export async function authorizeOrThrow(req: Request, o: { roles: Role[]; csrf?: boolean; tenantOptional?: boolean }): Promise<{ principal: Principal; reg: AuthRegistry }> {
  const reg = authRegistryOrThrow();
  const facts = factsFromHeaders(req.headers);
  const principal = await resolvePrincipal(facts, reg.auth, reg.db);
  if (!principal) throw new AuthError("UNAUTHENTICATED", "Sign in first: open Floorpulse from its app tile in Cisco Spaces, or sign in at /signin.");
  if (!o.roles.includes(principal.role)) throw new AuthError("FORBIDDEN", `This needs the ${o.roles.filter((r) => r !== "kiosk").join(" or ")} role; you are signed in as ${principal.role}.`);
  if (o.csrf) assertCsrfOrThrow(principal, facts, reg.auth.settings.publicUrl);
  if (!principal.tenantId && !o.tenantOptional) throw new AuthError("FORBIDDEN", "No Cisco Spaces account is connected yet: an admin activates Floorpulse at /setup.");
  return { principal, reg };
}

const MAX_BODY = 16 * 1024;

/** A JSON or form-encoded body as plain fields (the Cisco guide shows both for the same calls). */
export async function readFields(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY) throw new AuthError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY} bytes.`);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json") || (!type.includes("form") && text.trimStart().startsWith("{"))) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    throw new AuthError("VALIDATION", "The body is not a JSON object.");
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function errorResponse(e: unknown): Response {
  if (e instanceof AuthError) {
    const retry = (e as AuthError & { retryAfterSec?: number }).retryAfterSec;
    return errorJson(e, retry ? { "Retry-After": String(retry) } : {});
  }
  try {
    getRegistryOrThrow().log.error({ err: e }, "unexpected error in a route");
  } catch {
    /* no registry: nothing to log to */
  }
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

/** Whether cookies must be Secure: the public URL is https, or a trusted proxy says the request was. */
export function wantsSecureCookies(req: Request, settings: { https: boolean; trustProxy: boolean }): boolean {
  return settings.https || (settings.trustProxy && req.headers.get("x-forwarded-proto") === "https");
}
