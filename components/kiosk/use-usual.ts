"use client";
import { useEffect, useState } from "react";
import { typicalAt } from "@/lib/kiosk/present";

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
  const [typical, setTypical] = useState<number | null>(null);
  useEffect(() => {
    setTypical(null);
    if (!locationId) return;
    let ctl: AbortController | null = null;
    const load = () => {
      ctl?.abort();
      ctl = new AbortController();
      // The building's day (the server's choice of zone), not the screen's.
      fetch(`/api/history/${encodeURIComponent(locationId)}?range=day`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: ctl.signal,
        cache: "no-store",
      })
        .then((r) => (r.ok ? (r.json() as Promise<DayHistory>) : null))
        .then((h) => {
          if (!h || !h.typical || h.typical.weeks < USUAL_MIN_WEEKS) return setTypical(null);
          setTypical(
            typicalAt(
              h.rows.map((r) => [r.t, r.values.typical ?? null]),
              Date.now(),
            ),
          );
        })
        .catch(() => {});
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(timer);
      ctl?.abort();
    };
  }, [token, locationId]);
  return typical;
}
