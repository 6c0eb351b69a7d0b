import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { loadHistory } from "@/lib/history/query";
import { csvFileName, historyCsv } from "@/lib/history/table";
import { historyQuerySchema as query } from "@/lib/history/schema";
import { locationTimeZone } from "@/lib/store/location-zone";
import { canonicalTimeZone } from "@/lib/time/zone";

/** A location's history for charts: JSON, or the same table as CSV. */
export const GET = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
  const q = parseOrThrow(query, Object.fromEntries(new URL(req.url).searchParams));
  const location = await locationInScopeOrThrow(reg.db, principal, locationId);
  // One canonical spelling per zone: nothing a client invents reaches a cache.
  const tz = canonicalTimeZone(q.tz) ?? (await locationTimeZone(reg.db, locationId, reg.config.TIME_ZONE));
  const h = await loadHistory(reg.db, { locationId, range: q.range, from: q.from, tz, now: Date.now() });
  if (q.format === "json") return Response.json(h, { headers: { "Cache-Control": "private, no-store" } });
  const visible = q.series ? q.series.split(",") : [...h.series, "typical"];
  return new Response(historyCsv(h, visible), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(location.name, h)}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
