"use client";
import { useEffect, useState } from "react";
import type { Occupancy } from "@/lib/occupancy/types";
import type { IngestStatus, LocationDelta, LocationSnapshot, LocationView, WatchError } from "@/lib/realtime/protocol";
import { getSocket } from "./socket";

export interface LocationFeed {
  ready: boolean;
  error: string | null;
  locations: Record<string, LocationView>;
  counts: Record<string, Occupancy>;
  ingest: IngestStatus | null;
}

/**
 * Live counts for a location and everything under it (scope null: the whole tenant), from a snapshot
 * and then numbered deltas; a gap or a reconnect asks for a new snapshot.
 */
export function useLocationFeed(scope: string | null, initial: LocationView[] = []): LocationFeed {
  const [state, setState] = useState<LocationFeed>(() => ({
    ready: false,
    error: null,
    locations: Object.fromEntries(initial.map((l) => [l.id, l])),
    counts: {},
    ingest: null,
  }));

  useEffect(() => {
    const s = getSocket();
    let seq = -1;
    const onSnapshot = (snap: LocationSnapshot | WatchError) => {
      if ("error" in snap) return setState((prev) => ({ ...prev, ready: true, error: snap.error }));
      seq = snap.seq;
      setState({ ready: true, error: null, locations: Object.fromEntries(snap.locations.map((l) => [l.id, l])), counts: snap.counts, ingest: snap.ingest });
    };
    const watch = () => s.emit("location:watch", scope, onSnapshot);
    // Pushed after this socket fell behind and its deltas were dropped: a full replacement.
    const onPushedSnapshot = (snap: LocationSnapshot) => {
      if (snap.scope === scope) onSnapshot(snap);
    };

    const onDelta = (d: LocationDelta) => {
      if (d.scope !== scope || seq < 0) return;
      if (d.seq !== seq + 1) return watch(); // missed something: start again from a snapshot
      seq = d.seq;
      setState((prev) => {
        let locations = d.locations.length ? { ...prev.locations, ...Object.fromEntries(d.locations.map((l) => [l.id, l])) } : prev.locations;
        const counts = { ...prev.counts, ...d.counts };
        if (d.removed?.length) {
          locations = { ...locations };
          for (const id of d.removed) {
            delete locations[id];
            delete counts[id];
          }
        }
        return { ready: true, error: null, locations, counts, ingest: d.ingest ?? prev.ingest };
      });
    };
    s.on("location:delta", onDelta);
    s.on("location:snapshot", onPushedSnapshot);
    s.on("connect", watch);
    if (s.connected) watch();
    return () => {
      s.off("location:delta", onDelta);
      s.off("location:snapshot", onPushedSnapshot);
      s.off("connect", watch);
      s.emit("location:unwatch", scope);
    };
  }, [scope]);

  return state;
}
