"use client";
import { useEffect, useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import type { IngestStatus, LocationView, OverviewDelta, OverviewSnapshot } from "@/lib/realtime/protocol";
import { getSocket } from "./socket";

export interface OverviewState {
  ready: boolean;
  locations: Record<string, LocationView>;
  counts: Record<string, Occupancy>;
  ingest: IngestStatus | null;
}

/** Counts for every location, from a snapshot and then numbered deltas; a gap asks for a new snapshot. */
export function useOverview(initial: LocationView[] = []): OverviewState {
  const [state, setState] = useState<OverviewState>(() => ({
    ready: false,
    locations: Object.fromEntries(initial.map((l) => [l.id, l])),
    counts: {},
    ingest: null,
  }));

  useEffect(() => {
    const s = getSocket();
    let seq = -1;
    const applySnapshot = (snap: OverviewSnapshot) => {
      seq = snap.seq;
      setState({ ready: true, locations: Object.fromEntries(snap.locations.map((l) => [l.id, l])), counts: snap.counts, ingest: snap.ingest });
    };
    const watch = () => s.emit("overview:watch", applySnapshot);
    const onDelta = (d: OverviewDelta) => {
      if (seq < 0) return;
      if (d.seq !== seq + 1) return watch(); // missed something: start again from a snapshot
      seq = d.seq;
      setState((prev) => ({
        ready: true,
        locations: d.locations.length ? { ...prev.locations, ...Object.fromEntries(d.locations.map((l) => [l.id, l])) } : prev.locations,
        counts: { ...prev.counts, ...d.counts },
        ingest: d.ingest ?? prev.ingest,
      }));
    };
    s.on("overview:delta", onDelta);
    s.on("connect", watch);
    if (s.connected) watch();
    return () => {
      s.off("overview:delta", onDelta);
      s.off("connect", watch);
    };
  }, []);

  return state;
}
