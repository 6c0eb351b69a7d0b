"use client";
import type { Occupancy } from "@/lib/occupancy/types";
import { freshness, ratioWords, SOURCE_WORDS, sourceWords } from "@/lib/occupancy/present";
import { bandOf } from "@/lib/alerts/level";
import { BandBadge } from "./band-badge";
import { SourceIcon } from "./source-icon";
import { useNow } from "./use-now";

export const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** A count from the past (time travel): what it was and the minute it describes. */
export interface PastCount {
  count: number;
  minute: number;
  label: string | null;
}

interface Props {
  occupancy: Occupancy | undefined;
  capacity: number | null;
  targetCapacity?: number | null;
  testId?: string;
  size?: "lg" | "md" | "sm";
  /** When set, the figure shows this recorded value instead of the live one. */
  past?: PastCount | null;
  /** True until the live feed has answered: "connecting", not "no data". */
  pending?: boolean;
  /** Event time of the newest count heard on this page: a room empty by Wi-Fi is current while the stream is. */
  streamAt?: number | null;
}

/**
 * A count with everything needed to trust it: its source (icon and word), how fresh it is (live,
 * stale since HH:MM, no data, or the past minute it was recorded), and its share of capacity in
 * colour and in words.
 */
export function OccupancyFigure({
  occupancy,
  capacity,
  targetCapacity = null,
  testId,
  size = "md",
  past,
  pending = false,
  streamAt,
}: Props) {
  const now = useNow();
  const fresh = past ? ({ state: "past" } as const) : freshness(occupancy, now, streamAt);
  const count = past ? past.count : (occupancy?.count ?? 0);
  const t = { capacity, targetCapacity };
  const band = bandOf(count, t);
  const hasData = fresh.state !== "none";
  const words = past ? wordsFor(past.label) : sourceWords(occupancy);
  const source = past ? past.label : occupancy?.rollup ? "sum" : occupancy?.source;
  const emptySince = !past && fresh.state === "live" ? occupancy?.emptySince : undefined;
  return (
    <div className={`figure figure--${size} figure--${fresh.state} figure--${hasData ? band.band : "unknown"}`}>
      <span className="figure__count" data-testid={testId}>
        {hasData ? count : "–"}
      </span>
      {hasData && size !== "sm" && !capacity && band.band === "unknown" && (
        <span className="figure__capacity figure__capacity--none">No capacity set</span>
      )}
      {hasData && (capacity || band.band !== "unknown") && (
        <span className="figure__capacity">
          <BandBadge count={count} thresholds={t} />
          {band.percent !== null && (
            <span className="figure__percent">
              {band.percent}% of {capacity}
            </span>
          )}
        </span>
      )}
      <span className="figure__meta" title={past ? undefined : (ratioWords(occupancy) ?? undefined)}>
        <SourceIcon source={hasData ? source : null} />
        {fresh.state === "none" && (pending ? "Connecting…" : "No data")}
        {hasData && words}
        {emptySince !== undefined && ` · empty since ${clock(emptySince)}`}
        {fresh.state === "live" && emptySince === undefined && " · live"}
        {fresh.state === "stale" && ` · stale since ${clock(fresh.since)}`}
        {past && ` · recorded ${clock(past.minute)}`}
      </span>
    </div>
  );
}

const wordsFor = (label: string | null) =>
  label === "rollup" ? "Sum of areas" : label ? ((SOURCE_WORDS as Record<string, string>)[label] ?? label) : "Recorded";
