"use client";
import { useEffect, useState } from "react";
import type { TimeTravelFrame } from "@/lib/history/positions";
import { getJson } from "@/components/ui/api";

export interface TimeTravel {
  /** The moment shown; null while live. */
  at: number | null;
  frame: TimeTravelFrame | null;
  loading: boolean;
  error: string | null;
  go(at: number | null): void;
}

/** A past moment of one floor, fetched shortly after the slider stops moving; null `at` means live. */
export function useTimeTravel(floorId: string): TimeTravel {
  const [at, setAt] = useState<number | null>(null);
  const [frame, setFrame] = useState<TimeTravelFrame | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (at === null) {
      setFrame(null);
      setError(null);
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    const t = setTimeout(async () => {
      try {
        const r = await getJson<TimeTravelFrame>(
          `/api/locations/${encodeURIComponent(floorId)}/positions?at=${Math.round(at)}`,
          ctl.signal,
        );
        if (r.ok) {
          setFrame(r.data);
          setError(null);
        } else setError(r.message);
        setLoading(false);
      } catch {
        /* aborted by a newer moment */
      }
    }, 120);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [floorId, at]);

  return { at, frame, loading, error, go: setAt };
}
