"use client";
import { useCallback, useMemo, useState } from "react";
import type { LocationSettings } from "@/lib/store/location-settings";
import type { LocationView } from "@/lib/realtime/protocol";
import { useLocationFeed, type LocationFeed } from "@/components/realtime/use-location-feed";

export type SettingsById = Record<string, LocationSettings>;

export interface LiveLocations extends LocationFeed {
  settings: SettingsById;
  /** Applies a saved change here at once (others see the maximum through the socket). */
  applySaved(id: string, s: LocationSettings): void;
}

/**
 * The tenant's locations with live counts, and each one's capacity, target and outline. The maximum
 * comes live from the socket; target and outline come from the socket when it carries them
 * (optional LocationView fields), else from the page load and this browser's own saves.
 */
export function useLiveLocations(initialLocations: LocationView[], initialSettings: SettingsById): LiveLocations {
  const feed = useLocationFeed(null, initialLocations);
  const [local, setLocal] = useState<SettingsById>(initialSettings);
  const applySaved = useCallback((id: string, s: LocationSettings) => setLocal((prev) => ({ ...prev, [id]: s })), []);
  const settings = useMemo(() => {
    const out: SettingsById = { ...local };
    for (const [id, l] of Object.entries(feed.locations)) {
      const mine = local[id];
      out[id] = {
        capacity: l.capacity,
        targetCapacity: l.targetCapacity !== undefined ? l.targetCapacity : (mine?.targetCapacity ?? null),
        polygon: l.polygon !== undefined ? l.polygon : (mine?.polygon ?? null),
      };
    }
    return out;
  }, [feed.locations, local]);
  return { ...feed, settings, applySaved };
}
