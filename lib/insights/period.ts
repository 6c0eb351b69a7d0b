import { addDays, offsetMs, startOfDay } from "@/lib/history/tz";
import { SLOT_MS } from "./hours";

// A period of local calendar days, read on each building's own calendar.

export const MAX_PERIOD_DAYS = 93;
const DAY_MS = 86_400_000;

/** Local midnight starting calendar day `date` (YYYY-MM-DD) in a zone. */
export function startOfLocalDate(date: string, tz: string): number {
  const noonUtc = Date.parse(`${date}T12:00:00Z`);
  return startOfDay(noonUtc - offsetMs(noonUtc, tz), tz);
}

/** The local date of an instant in a zone. */
export const localDate = (ms: number, tz: string) => new Date(ms + offsetMs(ms, tz)).toISOString().slice(0, 10);

/** [from, to) of the days `from` … `to` (both included) on a zone's calendar, `to` capped at `now` (whole minutes). */
export function periodWindow(p: { from: string; to: string }, tz: string, now: number): { from: number; to: number } {
  const from = startOfLocalDate(p.from, tz);
  const end = addDays(startOfLocalDate(p.to, tz), 1, tz);
  return { from, to: Math.max(from, Math.min(end, Math.floor(now / 60_000) * 60_000)) };
}

/** Days between two dates, both included. */
export const daysIn = (p: { from: string; to: string }) =>
  Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS) + 1;

/** The last `days` days up to and including today on a zone's calendar. */
export function lastDays(days: number, tz: string, now: number): { from: string; to: string } {
  const to = localDate(now, tz);
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10), to };
}

export const floorToSlot = (ms: number) => Math.floor(ms / SLOT_MS) * SLOT_MS;
