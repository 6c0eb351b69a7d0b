import type { DayCell } from "@/lib/health/days";
import type { Status } from "@/lib/health/types";

// Words and symbols of the status page. Days and times are UTC, as the grid's days are.

const dayFmt = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const timeFmt = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

export const dayLabel = (date: string) => dayFmt.format(new Date(`${date}T00:00:00Z`));
export const timeLabel = (t: number) => timeFmt.format(new Date(t));
export const dayTimeLabel = (t: number) => `${dayFmt.format(new Date(t))}, ${timeLabel(t)}`;

export function minutesLabel(n: number): string {
  const m = Math.round(n);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export const STATUS_WORDS: Record<Status | "none", string> = {
  up: "Up",
  degraded: "Degraded",
  down: "Down",
  none: "No data",
};
export const STATUS_SYMBOLS: Record<Status | "none", string> = { up: "✓", degraded: "!", down: "✕", none: "–" };

export function dayTip(component: string, cell: DayCell): string {
  const head = `${component}, ${dayLabel(cell.date)}: ${STATUS_WORDS[cell.status].toLowerCase()}`;
  if (cell.status === "none") return `${head}, no checks recorded`;
  const parts = [`${minutesLabel(cell.up)} up`];
  if (cell.degraded) parts.push(`${minutesLabel(cell.degraded)} degraded`);
  if (cell.down - cell.missing > 0) parts.push(`${minutesLabel(cell.down - cell.missing)} down`);
  if (cell.missing) parts.push(`${minutesLabel(cell.missing)} not running`);
  return `${head} (${parts.join(", ")})`;
}
