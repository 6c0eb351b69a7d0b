import { AppError } from "@/lib/errors";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import { authRegistryOrThrow, type AuthRegistry } from "./registry";
import { assertCsrfOrThrow } from "./csrf";
import { factsFromHeaders, resolvePrincipal, type Principal } from "./principal";
import type { Role } from "./roles";

// Who is asking and may they: every API route calls this before it reads or writes anything.

export interface Authorized {
  principal: Principal & { tenantId: string };
  reg: AuthRegistry;
}

/**
 * The caller, when their role is one of `roles` and they belong to a tenant. Changes (`csrf: true`)
 * also need proof they come from our own pages.
 */
export async function authorizeOrThrow(
  req: Request,
  o: { roles: Role[]; csrf?: boolean; tenantOptional?: false },
): Promise<Authorized>;
export async function authorizeOrThrow(
  req: Request,
  o: { roles: Role[]; csrf?: boolean; tenantOptional: true },
): Promise<{ principal: Principal; reg: AuthRegistry }>;
export async function authorizeOrThrow(
  req: Request,
  o: { roles: Role[]; csrf?: boolean; tenantOptional?: boolean },
): Promise<{ principal: Principal; reg: AuthRegistry }> {
  const reg = authRegistryOrThrow();
  const facts = factsFromHeaders(req.headers);
  const principal = await resolvePrincipal(facts, reg.auth, reg.db);
  // Whoever has no session is limited: a display link (printed on a public screen) per link and per
  // address, a caller without valid credentials (guessing links) per address.
  if (principal?.kind !== "session" && principal?.kind !== "demo")
    await rateLimitOrThrow(reg.auth.limits.display, req, reg.auth.settings.proxyHops);
  if (principal?.kind === "kiosk") await takeOrThrow(reg.auth.limits.kiosk, principal.kioskId);
  if (!principal)
    throw new AppError(
      "UNAUTHENTICATED",
      "Sign in first: open Floorpulse from its app tile in Cisco Spaces, or sign in at /signin.",
    );
  if (!o.roles.includes(principal.role))
    throw new AppError(
      "FORBIDDEN",
      `This needs the ${o.roles.filter((r) => r !== "kiosk").join(" or ")} role; you are signed in as ${principal.role}.`,
    );
  if (o.csrf) assertCsrfOrThrow(principal, facts, reg.auth.settings.publicUrl);
  if (!principal.tenantId && !o.tenantOptional)
    throw new AppError(
      "FORBIDDEN",
      "No Cisco Spaces account is connected yet: an admin activates Floorpulse at /setup.",
    );
  return { principal, reg };
}
