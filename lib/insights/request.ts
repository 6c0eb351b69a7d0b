import { parseWorkingHours, type WorkingHours } from "./hours";
import { daysIn, MAX_PERIOD_DAYS } from "./period";
import { insightsQuerySchema } from "./schema";

// The insights query (page and API share it): checked once, every problem in words a person acts on.

export const DEFAULT_PERIOD_DAYS = 7;

/** Whether YYYY-MM-DD names a day that exists (Date.parse rolls 2026-02-30 over into March). */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

export type InsightsRequest =
  | { ok: true; scopeId: string | null; period: { from: string; to: string } | null; hours: WorkingHours }
  | { ok: false; message: string };

export function readInsightsRequest(
  raw: Record<string, string | undefined>,
  defaultHours: WorkingHours,
): InsightsRequest {
  const parsed = insightsQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, message: `${i?.path.join(".") || "query"}: ${i?.message ?? "invalid"}` };
  }
  const q = parsed.data;
  const hours = q.hours ? parseWorkingHours(q.hours) : defaultHours;
  if (!hours)
    return {
      ok: false,
      message: `hours: "${q.hours}" is not working hours such as "Mon-Fri 08:00-18:00" (quarter hours, end after start)`,
    };
  if ((q.from === undefined) !== (q.to === undefined))
    return { ok: false, message: "from and to go together: give both days, or neither for the last 7 days" };
  if (q.from && q.to) {
    if (!isCalendarDay(q.from) || !isCalendarDay(q.to))
      return { ok: false, message: "from and to must be real calendar days" };
    const days = daysIn({ from: q.from, to: q.to });
    if (days < 1) return { ok: false, message: "to must be on or after from" };
    if (days > MAX_PERIOD_DAYS)
      return { ok: false, message: `a period is at most ${MAX_PERIOD_DAYS} days; this one is ${days}` };
  }
  return { ok: true, scopeId: q.scope ?? null, period: q.from && q.to ? { from: q.from, to: q.to } : null, hours };
}
