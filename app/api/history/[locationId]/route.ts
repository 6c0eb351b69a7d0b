import { AuthError } from "@/lib/auth/errors";
import { authorizeOrThrow, errorResponse } from "@/lib/auth/http";
import { canSeeLocation } from "@/lib/auth/scope";
import { loadHistory } from "@/lib/history/query";
import { csvFileName, historyCsv } from "@/lib/history/table";
import { historyQuerySchema as query } from "@/lib/history/schema";

/** A location's history for charts: JSON, or the same table as CSV. */
export async function GET(req: Request, { params }: { params: Promise<{ locationId: string }> }) {
  try {
    const { locationId } = await params;
    const { principal, reg } = await authorizeOrThrow(req, { roles: ["admin", "viewer", "kiosk"] });
    const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) throw new AuthError("VALIDATION", parsed.error.issues[0]?.message ?? "invalid query");
    const q = parsed.data;
    if (!(await canSeeLocation(reg.db, principal, locationId))) throw new AuthError("NOT_FOUND", "location not found");
    const location = await reg.db.location.findUnique({ where: { id: locationId }, select: { name: true } });
    if (!location) throw new AuthError("NOT_FOUND", "location not found");
    const h = await loadHistory(reg.db, { locationId, range: q.range, from: q.from, tz: q.tz, now: Date.now() });
    if (q.format === "json") return Response.json(h, { headers: { "Cache-Control": "private, no-store" } });
    const visible = q.series ? q.series.split(",") : [...h.series, "typical"];
    return new Response(historyCsv(h, visible), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csvFileName(location.name, h)}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
