import { offsetMs } from "@/lib/history/tz";
import { SLOT_MS, type LocalTime } from "@/lib/time/working-hours";

// A building's local clock. The figures count only minutes inside working hours, read on each
// building's own wall clock, so a 09:00 start means 09:00 in Berlin for the Berlin building and 09:00
// in New York for the New York one, on both sides of a daylight-saving change.

export * from "@/lib/time/working-hours";

/**
 * A zone's wall clock, with offsets cached per UTC hour: a month of quarter-hour slots for every
 * location would otherwise ask Intl hundreds of thousands of times. Offsets change only on the
 * hour or half hour in every zone in use, so an hour's offset holds for all its quarter hours.
 */
export function localClock(tz: string): (ms: number) => LocalTime {
  const cache = new Map<number, number>();
  return (ms) => {
    // Offsets can change on a half hour (Lord Howe): cache per 15 minutes to stay exact.
    const key = Math.floor(ms / SLOT_MS);
    let off = cache.get(key);
    if (off === undefined) {
      off = offsetMs(key * SLOT_MS, tz);
      cache.set(key, off);
    }
    const local = new Date(ms + off);
    return {
      weekday: ((local.getUTCDay() + 6) % 7) + 1,
      minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
      date: local.toISOString().slice(0, 10),
    };
  };
}
