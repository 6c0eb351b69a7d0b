import { addDays, offsetMs, startOfDay } from "@/lib/history/tz";
import type { Db } from "@/lib/store/db";
import { readSlots } from "@/lib/store/insights";
import { BINS_PER_DAY, dayCurves, forecastSentence, forecastToday } from "./forecast";
import { localClock } from "./hours";
import { floorToSlot, localDate } from "./period";
import type { ForecastJson } from "./schema";

/** Same weekdays looked back on for the typical curve (as the history's "typical"). */
export const FORECAST_WEEKS = 8;
const QH = 15 * 60_000;

/** The rest of today for one location, on its building's clock, with the kiosk's sentence. */
export async function loadForecast(
  db: Db,
  q: { locationId: string; timeZone: string; now: number; current?: number },
): Promise<ForecastJson> {
  const tz = q.timeZone;
  const dayStart = startOfDay(q.now, tz);
  const from = floorToSlot(addDays(dayStart, -7 * FORECAST_WEEKS, tz));
  const days = dayCurves(await readSlots(db, [q.locationId], from, q.now), tz);
  const today = localDate(q.now, tz);
  const { weekday, minute } = localClock(tz)(q.now);
  const weeks = [...days].filter(([date, d]) => date !== today && d.weekday === weekday).map(([, d]) => d.curve);
  const todayCurve = days.get(today)?.curve ?? new Array<number | null>(BINS_PER_DAY).fill(null);
  // Quarter hour b of today on the wall clock, as an instant (a daylight-saving day shifts the later ones).
  const binStart = (b: number) => {
    const t = dayStart + b * QH;
    return t + (offsetMs(dayStart, tz) - offsetMs(t, tz));
  };
  const f = forecastToday({ weeks, today: todayCurve, nowBin: Math.floor(minute / 15), binStart });
  const last = [...todayCurve].reverse().find((v) => v !== null) ?? 0;
  return {
    locationId: q.locationId,
    timeZone: tz,
    generatedAt: q.now,
    ...f,
    sentence: forecastSentence(f, q.current ?? last, tz),
  };
}
