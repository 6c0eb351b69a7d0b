"use client";
import { useEffect, useState } from "react";
import type { HistoryResult, RangeName } from "@/lib/history/build";
import { getJson } from "@/components/ui/api";

export type HistoryState =
  | { status: "loading"; data: HistoryResult | null }
  | { status: "ready"; data: HistoryResult }
  | { status: "error"; data: HistoryResult | null; message: string };

/** Fetches a location's history; the live last hour refreshes itself every 30 seconds. */
export function useHistory(locationId: string, range: RangeName, from: number | null, reloadKey = 0): HistoryState {
  const [state, setState] = useState<HistoryState>({ status: "loading", data: null });
  useEffect(() => {
    const ctl = new AbortController();
    // No zone sent: the server cuts days on the building's clock and says which zone that is.
    const url = `/api/history/${encodeURIComponent(locationId)}?range=${range}${from !== null ? `&from=${from}` : ""}`;
    const load = async () => {
      setState((s) => ({
        status: "loading",
        data: s.data?.locationId === locationId && s.data.range === range ? s.data : null,
      }));
      try {
        const r = await getJson<HistoryResult>(url, ctl.signal);
        setState((s) =>
          r.ok ? { status: "ready", data: r.data } : { status: "error", data: s.data, message: r.message },
        );
      } catch {
        /* aborted: a newer request is on its way */
      }
    };
    void load();
    const live = range === "hour" && from === null;
    const t = live ? setInterval(() => void load(), 30_000) : null;
    return () => {
      ctl.abort();
      if (t) clearInterval(t);
    };
  }, [locationId, range, from, reloadKey]);
  return state;
}
