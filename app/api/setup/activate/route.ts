import { AuthError } from "@/lib/errors";
import { authorizeOrThrow, errorResponse, rateLimitOrThrow, readFields } from "@/lib/http/route";
import { activateForOrThrow, setupBodySchema } from "@/lib/auth/setup";

// Activates single-tenant cloud or on-prem with a pasted activation token (admins only).
export async function POST(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin"], csrf: true, tenantOptional: true });
    rateLimitOrThrow(reg.auth.limits.setup, req, reg.auth.settings.trustProxy);
    const body = setupBodySchema.safeParse(await readFields(req));
    if (!body.success) throw new AuthError("VALIDATION", body.error.issues.map((i) => i.message).join("; "));
    const activation = await activateForOrThrow(principal, body.data, reg);
    return Response.json({ activation }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
