"use client";
import { useEffect, useState } from "react";
import { getJson } from "@/components/ui/api";
import type { ForecastJson } from "@/lib/insights/schema";

/** The rest of today's forecast for a location, refreshed every five minutes while `enabled`. */
export function useForecast(locationId: string, enabled: boolean): ForecastJson | null {
  const [f, setF] = useState<ForecastJson | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    const load = async () => {
      try {
        const r = await getJson<ForecastJson>(`/api/forecast/${encodeURIComponent(locationId)}`, ctl.signal);
        // A forecast that cannot load leaves the chart as it was: it is an extra, not the data.
        setF(r.ok ? r.data : null);
      } catch {
        /* aborted */
      }
    };
    void load();
    const t = setInterval(() => void load(), 5 * 60_000);
    return () => {
      ctl.abort();
      clearInterval(t);
    };
  }, [locationId, enabled]);
  return enabled && f?.locationId === locationId ? f : null;
}
