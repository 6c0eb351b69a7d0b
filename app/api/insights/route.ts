import { AuthError } from "@/lib/auth/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/auth/http";
import { canSeeLocation, visibleLocationIds } from "@/lib/auth/scope";
import { loadInsights } from "@/lib/insights/load";
import { readInsightsRequest } from "@/lib/insights/request";
import { insightsSchema } from "@/lib/insights/schema";
import { getRegistryOrThrow } from "@/lib/registry";

/** Utilization figures and right-sizing suggestions for a period and working hours (README "Insights"). */
export async function GET(req: Request) {
  try {
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer"] });
    const settings = getRegistryOrThrow().insights;
    if (!settings) throw new Error("insights settings missing from the registry");
    const r = readInsightsRequest(Object.fromEntries(new URL(req.url).searchParams), settings.hours);
    if (!r.ok) throw new AuthError("VALIDATION", r.message);
    if (r.scopeId && !(await canSeeLocation(reg.db, principal, r.scopeId))) throw new AuthError("NOT_FOUND", "location not found");
    const visible = principal.scopeLocationId ? await visibleLocationIds(reg.db, principal) : null;
    const body = await loadInsights(reg.db, { tenantId: principal.tenantId, scopeId: r.scopeId, visible, period: r.period, hours: r.hours, rightSizing: settings.rightSizing, now: Date.now() });
    return Response.json(insightsSchema.parse(body), { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
