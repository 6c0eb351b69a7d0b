import { z } from "zod";
import { authorizeOrThrow } from "@/lib/auth/authorize";
import { locationInScopeOrThrow } from "@/lib/auth/scope";
import { parseOrThrow } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { loadHistory } from "@/lib/history/query";
import { csvFileName, historyCsv } from "@/lib/history/table";
import { locationTimeZone } from "@/lib/store/location-zone";
import { instantMs } from "@/lib/time/bounds";
import { canonicalTimeZone } from "@/lib/time/zone";

const query = z.object({
  range: z.enum(["hour", "day", "week", "month"]).default("hour"),
  from: instantMs.optional(),
  /** Another zone's days instead of the building's (API users); the dashboard never sends it. */
  // Checked and spelled canonically in one step, so no spelling a client invents is ever cached.
  tz: z.string().max(64).transform((v, ctx) => canonicalTimeZone(v) ?? (ctx.addIssue({ code: "custom", message: "tz must be an IANA time zone such as Europe/London" }), z.NEVER)).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  /** For CSV: the series to export, comma-separated (default: all). */
  series: z.string().max(200).optional(),
});

/** A location's history for charts: JSON, or the same table as CSV. */
export const GET = route<{ locationId: string }>(async (req, { locationId }) => {
  const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
  const q = parseOrThrow(query, Object.fromEntries(new URL(req.url).searchParams));
  const location = await locationInScopeOrThrow(reg.db, principal, locationId);
  const tz = q.tz ?? (await locationTimeZone(reg.db, locationId, reg.config.TIME_ZONE));
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
