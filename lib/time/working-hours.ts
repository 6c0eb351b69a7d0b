import { z } from "zod";

// Working hours ("Mon-Fri 08:00-18:00"): read, written and tested against a local weekday and minute.
// Down here so the configuration can check INSIGHTS_WORKING_HOURS; lib/insights/hours adds the clock.

export const SLOT_MS = 15 * 60_000;
export const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export const workingHoursSchema = z
  .object({
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** Minutes after local midnight, on the quarter hour (every zone's offset is a whole quarter hour). */
    start: z.number().int().min(0).max(1425).multipleOf(15),
    end: z.number().int().min(15).max(1440).multipleOf(15),
  })
  .refine((h) => h.end > h.start, "working hours must end after they start");
export type WorkingHours = z.infer<typeof workingHoursSchema>;

const dayIndex = (d: string) => DAY_NAMES.findIndex((n) => n.toLowerCase() === d.toLowerCase().slice(0, 3)) + 1;
const minutesOf = (hhmm: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** "Mon-Fri 08:00-18:00" or "Mon,Wed,Fri 09:00-17:30" → working hours, or null when unreadable. */
export function parseWorkingHours(text: string): WorkingHours | null {
  const m = /^\s*([A-Za-z]{3}(?:\s*[-,]\s*[A-Za-z]{3})*)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  if (!m) return null;
  const days = new Set<number>();
  for (const part of m[1]!.split(",")) {
    const [a, b] = part.split("-").map((s) => dayIndex(s.trim()));
    if (!a || (b !== undefined && !b)) return null;
    for (let d = a; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === (b ?? a)) break;
    }
  }
  const parsed = workingHoursSchema.safeParse({
    days: [...days].sort(),
    start: minutesOf(m[2]!),
    end: minutesOf(m[3]!),
  });
  return parsed.success ? parsed.data : null;
}

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

/** The words for working hours, as parseWorkingHours reads them back. */
export function formatWorkingHours(h: WorkingHours): string {
  const days = [...h.days].sort();
  const contiguous = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText =
    contiguous && days.length > 2
      ? `${DAY_NAMES[days[0]! - 1]}-${DAY_NAMES[days.at(-1)! - 1]}`
      : days.map((d) => DAY_NAMES[d - 1]).join(",");
  return `${dayText} ${hhmm(h.start)}-${hhmm(h.end)}`;
}

export interface LocalTime {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes after local midnight. */
  minute: number;
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
}

export const isWorking = (h: WorkingHours, t: Pick<LocalTime, "weekday" | "minute">) =>
  h.days.includes(t.weekday) && t.minute >= h.start && t.minute < h.end;
