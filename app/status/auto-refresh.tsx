"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page on the server every minute, as often as checks are recorded. */
export function AutoRefresh({ everyMs = 60_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
