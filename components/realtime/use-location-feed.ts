"use client";
import { useEffect, useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import type { IngestStatus, LocationSnapshot, LocationView } from "@/lib/realtime/protocol";
import { getSocket, type AppSocket } from "./socket";
import { watchFeed } from "./watch-feed";

export interface LocationFeed {
  ready: boolean;
  error: string | null;
  locations: Record<string, LocationView>;
  counts: Record<string, Occupancy>;
  ingest: IngestStatus | null;
  /** When this browser last got each location's count, by its own clock (see heardAtOf). */
  heardAt: Record<string, number>;
}

/**
 * When a snapshot's counts were last updated, on this browser's clock: the server says how old each
 * is; a sender without ages gives the event time when it is not in the future, else the moment received.
 */
export function heardAtOf(snap: Pick<LocationSnapshot, "counts" | "ages">, receivedAt: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, o] of Object.entries(snap.counts)) {
    const age = snap.ages?.[id];
    out[id] = age !== undefined ? receivedAt - age : Math.min(receivedAt, o.at ?? receivedAt);
  }
  return out;
}

/**
 * Live counts for a location and everything under it (scope null: the whole tenant), from a snapshot
 * and then numbered deltas; a gap or a reconnect asks for a new snapshot.
 */
export function useLocationFeed(scope: string | null, initial: LocationView[] = [], socket?: AppSocket): LocationFeed {
  const [state, setState] = useState<LocationFeed>(() => ({
    ready: false,
    error: null,
    locations: Object.fromEntries(initial.map((l) => [l.id, l])),
    counts: {},
    ingest: null,
    heardAt: {},
  }));

  useEffect(
    () =>
      watchFeed(socket ?? getSocket(), "location", scope, (m) => m.scope === scope, {
        snapshot(snap) {
          setState({
            ready: true,
            error: null,
            locations: Object.fromEntries(snap.locations.map((l) => [l.id, l])),
            counts: snap.counts,
            ingest: snap.ingest,
            heardAt: heardAtOf(snap, Date.now()),
          });
        },
        delta(d) {
          setState((prev) => {
            let locations = d.locations.length
              ? { ...prev.locations, ...Object.fromEntries(d.locations.map((l) => [l.id, l])) }
              : prev.locations;
            const counts = { ...prev.counts, ...d.counts };
            const t = Date.now();
            const heardAt = { ...prev.heardAt };
            for (const id of Object.keys(d.counts)) heardAt[id] = t;
            if (d.removed?.length) {
              locations = { ...locations };
              for (const id of d.removed) {
                delete locations[id];
                delete counts[id];
                delete heardAt[id];
              }
            }
            return { ready: true, error: null, locations, counts, ingest: d.ingest ?? prev.ingest, heardAt };
          });
        },
        error: (error) => setState((prev) => ({ ...prev, ready: true, error })),
      }),
    [scope, socket],
  );

  return state;
}
