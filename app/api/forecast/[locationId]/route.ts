import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { loadForecast } from "@/lib/insights/forecast-load";
import { forecastQuerySchema, forecastSchema } from "@/lib/insights/schema";
import { locationTimeZone } from "@/lib/store/location-zone";

/** Expected occupancy for the rest of today, with an interval (README "Insights"). */
export const GET = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
  const q = parseOrThrow(forecastQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  await locationInScopeOrThrow(reg.db, principal, locationId);
  const timeZone = await locationTimeZone(reg.db, locationId, reg.config.TIME_ZONE);
  const body = await loadForecast(reg.db, { locationId, timeZone, now: q.at ?? Date.now() });
  return Response.json(forecastSchema.parse(body), { headers: { "Cache-Control": "private, no-store" } });
});
