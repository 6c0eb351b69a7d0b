import { authorizeOrThrow } from "@/lib/auth/authorize";
import { activateForOrThrow, setupBodySchema } from "@/lib/activation/setup";
import { readFields } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";

// Activates single-tenant cloud or on-prem with a pasted activation token (admins only).
export const POST = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true, tenantOptional: true });
  await rateLimitOrThrow(reg.auth.limits.setup, req, reg.auth.settings.proxyHops);
  // Per admin as well: each attempt calls Cisco Spaces, from whatever address the session moves to.
  if (principal.kind === "session") await takeOrThrow(reg.auth.limits.setup, `user:${principal.userId}`);
  const body = parseOrThrow(setupBodySchema, await readFields(req));
  const activation = await activateForOrThrow(principal, body, reg);
  return Response.json({ activation }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
