"use client";
import { useEffect, useRef, useState, type DependencyList } from "react";

/**
 * What `load` answers, asked now and every `everyMs` while `deps` stay the same; null before the first
 * answer, after `deps` change and when `load` is null. A new round aborts the one still running, and a
 * failed round keeps the last answer (the display shows it until the next one comes).
 */
export function usePolled<T>(
  load: ((signal: AbortSignal) => Promise<T | null>) | null,
  deps: DependencyList,
  everyMs: number,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef(load);
  latest.current = load;
  const active = load !== null;
  useEffect(() => {
    setValue(null);
    if (!active) return;
    let ctl: AbortController | null = null;
    const round = () => {
      ctl?.abort();
      ctl = new AbortController();
      latest.current?.(ctl.signal).then(
        (v) => setValue(() => v),
        () => {},
      );
    };
    round();
    const timer = setInterval(round, everyMs);
    return () => {
      clearInterval(timer);
      ctl?.abort();
    };
  }, [active, everyMs, ...deps]);
  return value;
}

/** GET `path` as the kiosk link `token`; null when the answer is not 2xx. */
export async function kioskJson<T>(path: string, token: string, signal: AbortSignal): Promise<T | null> {
  const r = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, signal, cache: "no-store" });
  return r.ok ? (r.json() as Promise<T>) : null;
}
