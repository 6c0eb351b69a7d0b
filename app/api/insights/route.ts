import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow, visibleLocationIds } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { loadInsights } from "@/lib/insights/load";
import { readInsightsRequest } from "@/lib/insights/request";
import { insightsSchema } from "@/lib/insights/schema";
import { insightsSettings } from "@/lib/insights/settings";

/** Utilization figures and right-sizing suggestions for a period and working hours (README "Insights"). */
export const GET = route(async (req) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer"] });
  const settings = insightsSettings(reg.config);
  const r = readInsightsRequest(Object.fromEntries(new URL(req.url).searchParams), settings.hours);
  if (!r.ok) throw new AppError("VALIDATION", r.message);
  if (r.scopeId) await locationInScopeOrThrow(reg.db, principal, r.scopeId);
  const visible = principal.scopeLocationId ? await visibleLocationIds(reg.db, principal) : null;
  const body = await loadInsights(reg.db, {
    tenantId: principal.tenantId,
    scopeId: r.scopeId,
    visible,
    period: r.period,
    hours: r.hours,
    rightSizing: settings.rightSizing,
    now: Date.now(),
    fallbackTimeZone: reg.config.TIME_ZONE,
  });
  return Response.json(insightsSchema.parse(body), { headers: { "Cache-Control": "private, no-store" } });
});
