"use client";
import { useEffect, useState } from "react";

const REFRESH_MS = 10 * 60_000;

/** The forecast's sentence for a kiosk ("Usually quieter after 14:00."), refreshed every ten minutes; null when there is none. */
export function useForecastSentence(token: string, locationId: string | null): string | null {
  const [sentence, setSentence] = useState<string | null>(null);
  useEffect(() => {
    setSentence(null);
    if (!locationId) return;
    let ctl: AbortController | null = null;
    const load = () => {
      ctl?.abort();
      ctl = new AbortController();
      fetch(`/api/forecast/${encodeURIComponent(locationId)}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: ctl.signal,
        cache: "no-store",
      })
        .then((r) => (r.ok ? (r.json() as Promise<{ sentence: string | null; weeks: number }>) : null))
        // One earlier weekday is an anecdote: say nothing until two agree (as "usual" does).
        .then((f) => setSentence(f && f.weeks >= 2 ? f.sentence : null))
        .catch(() => {});
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(timer);
      ctl?.abort();
    };
  }, [token, locationId]);
  return sentence;
}
