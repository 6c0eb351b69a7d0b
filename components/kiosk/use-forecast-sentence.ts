"use client";
import { kioskJson, usePolled } from "./use-polled";

const REFRESH_MS = 10 * 60_000;

/** The forecast's sentence for a kiosk ("Usually quieter after 14:00."), refreshed every ten minutes; null when there is none. */
export function useForecastSentence(token: string, locationId: string | null): string | null {
  return usePolled(
    locationId
      ? async (signal) => {
          const f = await kioskJson<{ sentence: string | null; weeks: number }>(
            `/api/forecast/${encodeURIComponent(locationId)}`,
            token,
            signal,
          );
          // One earlier weekday is an anecdote: say nothing until two agree (as "usual" does).
          return f && f.weeks >= 2 ? f.sentence : null;
        }
      : null,
    [token, locationId],
    REFRESH_MS,
  );
}
