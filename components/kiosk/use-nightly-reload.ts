"use client";
import { useEffect } from "react";
import { msUntilNightlyReload } from "@/lib/kiosk/present";
import { checkLink } from "./use-kiosk-link";

const RETRY_MS = 5 * 60_000;

/**
 * Reloads the page once a night (around 03:00, spread over ten minutes so a fleet does not arrive at
 * once), which picks up a new version and drops anything a long-running page accumulated. Only when
 * the server answers: a display never swaps its numbers for a browser error page.
 */
export function useNightlyReload(token: string, onRevoked: () => void) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      void checkLink(token).then((r) => {
        if (r === "active") window.location.reload();
        else if (r === "revoked") onRevoked();
        else timer = setTimeout(attempt, RETRY_MS);
      });
    };
    timer = setTimeout(attempt, msUntilNightlyReload(new Date(), 3, Math.floor(Math.random() * 10 * 60_000)));
    return () => clearTimeout(timer);
  }, [token, onRevoked]);
}
