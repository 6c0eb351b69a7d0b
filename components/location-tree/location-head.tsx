"use client";
import type { ComponentProps, ReactNode } from "react";
import type { LocationSettings } from "@/lib/store/location-settings";
import { ConnectionBadge } from "@/components/ui/connection-badge";
import { OccupancyFigure } from "@/components/ui/occupancy-figure";
import type { LiveLocations } from "./use-live-locations";

type Head = Pick<ComponentProps<typeof OccupancyFigure>, "past" | "streamAt"> & {
  title: string;
  /** The location whose count the head shows (none: a title alone, as for the whole estate). */
  id: string | null;
  live: LiveLocations;
  setting: Pick<LocationSettings, "capacity" | "targetCapacity">;
  testId: string;
  children?: ReactNode;
};

/** A location page's head: its name, its count in large (now, or at a past moment), then the feed's state. */
export function LocationHead({ title, id, live, setting, testId, children, ...figure }: Head) {
  return (
    <>
      <header className="floor-head">
        <h1>{title}</h1>
        {id !== null && (
          <OccupancyFigure
            size="lg"
            occupancy={live.counts[id]}
            capacity={setting.capacity}
            targetCapacity={setting.targetCapacity}
            testId={testId}
            pending={!live.ready}
            {...figure}
          />
        )}
        {children}
      </header>
      <ConnectionBadge ingest={live.ingest} />
    </>
  );
}
