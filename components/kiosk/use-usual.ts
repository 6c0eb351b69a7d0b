"use client";
import { typicalAt } from "@/lib/kiosk/present";
import { kioskJson, usePolled } from "./use-polled";

/** Weeks of the same weekday needed before the display compares today with "usual". */
export const USUAL_MIN_WEEKS = 2;
const REFRESH_MS = 10 * 60_000;

interface DayHistory {
  rows: Array<{ t: number; values: Record<string, number | null> }>;
  typical: { weeks: number } | null;
}

/**
 * The typical count for this time of day on this weekday (from stored history), refreshed every ten
 * minutes; null while there is not enough history to say.
 */
export function useTypical(token: string, locationId: string | null): number | null {
  return usePolled(
    locationId
      ? async (signal) => {
          // The building's day (the server's choice of zone), not the screen's.
          const h = await kioskJson<DayHistory>(
            `/api/history/${encodeURIComponent(locationId)}?range=day`,
            token,
            signal,
          );
          if (!h || !h.typical || h.typical.weeks < USUAL_MIN_WEEKS) return null;
          return typicalAt(
            h.rows.map((r) => [r.t, r.values.typical ?? null]),
            Date.now(),
          );
        }
      : null,
    [token, locationId],
    REFRESH_MS,
  );
}
