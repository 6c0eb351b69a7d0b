"use client";
import { useEffect, useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";

const HOUR = 60 * 60_000;

/** Last-hour trends: the stored minutes from the page load, extended minute by minute with live counts. */
export function useSparklines(initial: Record<string, Array<[number, number]>>, counts: Record<string, Occupancy>) {
  const [lines, setLines] = useState(initial);
  useEffect(() => {
    setLines((prev) => {
      const next = { ...prev };
      const now = Date.now();
      for (const [id, o] of Object.entries(counts)) {
        if (o.source === null || o.at === null) continue;
        const minute = o.at - (o.at % 60_000);
        const line = (next[id] ?? []).filter(([t]) => t > now - HOUR && t !== minute);
        line.push([minute, o.count]);
        next[id] = line;
      }
      return next;
    });
  }, [counts]);
  return lines;
}
