"use client";
import { useEffect, useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import { capacityLevel, freshness, SOURCE_WORDS } from "@/lib/occupancy/present";

function useNow(everyMs = 5_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** A count with its source and freshness, and its share of capacity when one is set. */
export function OccupancyFigure({ occupancy, capacity, testId }: { occupancy: Occupancy | undefined; capacity: number | null; testId?: string }) {
  const now = useNow();
  const fresh = freshness(occupancy, now);
  const count = occupancy?.count ?? 0;
  const { percent, level } = capacityLevel(count, capacity);
  return (
    <div className={`figure figure--${fresh.state} figure--${level}`}>
      <span className="figure__count" data-testid={testId}>
        {fresh.state === "none" ? "–" : count}
      </span>
      {percent !== null && fresh.state !== "none" && <span className="figure__percent">{percent}% of {capacity}</span>}
      <span className="figure__meta">
        {fresh.state === "none" && "No data"}
        {fresh.state !== "none" && occupancy?.source && SOURCE_WORDS[occupancy.source]}
        {fresh.state === "live" && " · live"}
        {fresh.state === "stale" && ` · stale since ${time(fresh.since)}`}
      </span>
    </div>
  );
}
