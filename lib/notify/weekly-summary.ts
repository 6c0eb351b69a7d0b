import { addDays, offsetMs, startOfDay } from "@/lib/history/tz";
import { DAY_NAMES } from "@/lib/insights/hours";
import { localDate } from "@/lib/insights/period";
import type { Insights } from "@/lib/insights/schema";
import type { Notice } from "./channels/notice";

// The weekly summary: when it is due (a weekday and time on the building clock of TIME_ZONE), and
// what it says (last week's busiest and quietest places and the right-sizing suggestions). Pure.

/** The most recent "Mon 08:00" at or before `now` in a zone. */
export function lastSummarySlot(now: number, at: string, tz: string): number {
  const [day, time] = at.split(" ");
  const weekday = DAY_NAMES.indexOf(day as (typeof DAY_NAMES)[number]) + 1;
  const [h, m] = time!.split(":").map(Number);
  const today = startOfDay(now, tz);
  const todayWeekday = ((new Date(today + offsetMs(today, tz)).getUTCDay() + 6) % 7) + 1;
  const dayStart = addDays(today, -((todayWeekday - weekday + 7) % 7), tz);
  const wall = (start: number) => {
    const t = start + (h! * 60 + m!) * 60_000;
    return t + (offsetMs(start, tz) - offsetMs(t, tz));
  };
  const slot = wall(dayStart);
  return slot <= now ? slot : wall(addDays(dayStart, -7, tz));
}

/** The seven local days before the summary's day. */
export function summaryPeriod(slot: number, tz: string): { from: string; to: string } {
  const day = startOfDay(slot, tz);
  return { from: localDate(addDays(day, -7, tz), tz), to: localDate(addDays(day, -1, tz), tz) };
}

const pct = (v: number) => `${Math.round(v * 100)} %`;

export function summaryNotice(i: Insights, publicUrl: string | null): Notice {
  const rated = i.locations.filter((l) => l.utilization !== null && l.type !== "CAMPUS");
  const busiest = [...rated].sort((a, b) => b.utilization! - a.utilization!).slice(0, 3);
  const quietest = [...rated]
    .sort((a, b) => a.utilization! - b.utilization!)
    .filter((l) => !busiest.includes(l))
    .slice(0, 3);
  const lines = [
    `Working hours ${i.hours.text}, ${i.period.from} to ${i.period.to}.`,
    busiest.length
      ? `Busiest: ${busiest.map((l) => `${l.name} ${pct(l.utilization!)} utilization, peak ${l.peak}`).join("; ")}.`
      : "No location with a capacity had data.",
    ...(quietest.length ? [`Quietest: ${quietest.map((l) => `${l.name} ${pct(l.utilization!)}`).join("; ")}.`] : []),
    ...i.suggestions.slice(0, 5).map((s) => `${s.name}: ${s.reason}`),
    ...(i.suggestions.length > 5 ? [`…and ${i.suggestions.length - 5} more suggestions.`] : []),
  ];
  const query = `from=${i.period.from}&to=${i.period.to}&hours=${encodeURIComponent(i.hours.text)}`;
  return {
    title: `Workplace summary, week of ${i.period.from}`,
    lines,
    link: publicUrl ? { text: "Open insights", url: `${publicUrl.replace(/\/$/, "")}/insights?${query}` } : null,
    tone: "good",
  };
}
