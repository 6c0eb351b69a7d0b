"use client";
import { useEffect, useRef, useState } from "react";
import { evaluate, type AlertLevel } from "@/lib/alerts/evaluate";
import type { Occupancy } from "@/lib/occupancy/types";
import type { SettingsById } from "@/components/location-tree/use-live-locations";

export interface ActiveAlert {
  locationId: string;
  level: "busy" | "full";
  count: number;
  since: number;
}

/**
 * In-app capacity alerts from the live counts, with the same hysteresis as the server's Alert rows,
 * so a count hovering at a limit does not flicker the banner.
 */
export function useCapacityAlerts(
  counts: Record<string, Occupancy>,
  settings: SettingsById,
  ids?: ReadonlySet<string>,
): ActiveAlert[] {
  const levels = useRef(new Map<string, AlertLevel>());
  const [active, setActive] = useState<Map<string, ActiveAlert>>(new Map());
  useEffect(() => {
    const readings = Object.entries(counts).flatMap(([locationId, o]) => {
      if (o.source === null || (ids && !ids.has(locationId))) return [];
      const s = settings[locationId];
      return [
        {
          locationId,
          count: o.count,
          at: o.at ?? Date.now(),
          capacity: s?.capacity ?? null,
          targetCapacity: s?.targetCapacity ?? null,
        },
      ];
    });
    const r = evaluate(levels.current, readings);
    levels.current = r.levels;
    setActive((prev) => {
      let changed = r.events.length > 0;
      const next = new Map(prev);
      for (const e of r.events) {
        if (e.kind === "cleared") next.delete(e.locationId);
        else next.set(e.locationId, { locationId: e.locationId, level: e.level, count: e.count, since: e.at });
      }
      for (const rd of readings) {
        const a = next.get(rd.locationId);
        if (a && a.count !== rd.count) {
          next.set(rd.locationId, { ...a, count: rd.count });
          changed = true;
        }
      }
      return changed ? next : prev;
    });
  }, [counts, settings, ids]);
  return [...active.values()].sort((a, b) => (a.level === b.level ? b.since - a.since : a.level === "full" ? -1 : 1));
}
