"use client";
import { useEffect, useState } from "react";
import type { HereCode } from "@/lib/kiosk/here-code";

const REFRESH_MS = 5 * 60_000; // HERE_REFRESH_MS: well inside the code's lifetime

/** The "You are here" code on the screen, replaced every few minutes so a photograph of it soon stops working. */
export function useHereCode(kioskToken: string, first: HereCode): HereCode {
  const [code, setCode] = useState(first);
  useEffect(() => {
    const timer = setInterval(() => {
      void fetch("/api/kiosk/here-link", { headers: { Authorization: `Bearer ${kioskToken}` }, cache: "no-store" })
        .then(async (res) => (res.ok ? setCode((await res.json()) as HereCode) : undefined))
        .catch(() => undefined); // offline for a moment: the current code still has minutes left
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [kioskToken]);
  return code;
}
