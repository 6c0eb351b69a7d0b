"use client";
import { useEffect, useState } from "react";
import type { HereAnswer } from "@/lib/kiosk/here";

const POLL_MS = 3_000;

export type HereState = { state: "finding" } | { state: "revoked" } | HereAnswer;

/** Where this phone is, asked again every few seconds (the server keeps nothing about it between asks). */
export function useHere(token: string): HereState {
  const [answer, setAnswer] = useState<HereState>({ state: "finding" });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    let ctl: AbortController | null = null;
    const ask = async () => {
      ctl = new AbortController();
      try {
        const res = await fetch("/api/here", {
          headers: { Authorization: `Bearer ${token}` },
          cache: "no-store",
          signal: ctl.signal,
        });
        if (res.status === 401) {
          setAnswer({ state: "revoked" });
          return; // a revoked link stays revoked
        }
        if (res.ok) setAnswer((await res.json()) as HereAnswer);
      } catch {
        /* offline for a moment: keep what we showed and ask again */
      }
      if (!stopped) timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      ctl?.abort();
    };
  }, [token]);
  return answer;
}
