"use client";
import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs`, so "live" turns into "stale since" without new data. */
export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
