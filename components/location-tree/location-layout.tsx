"use client";
import type { ComponentProps, ReactNode } from "react";
import { Breadcrumbs } from "./breadcrumbs";
import { LocationTree } from "./location-tree";

/**
 * A location page's frame: the location tree beside it, the breadcrumbs to `crumbsId` above it (none for
 * the whole estate) and the page itself below.
 */
export function LocationLayout({
  live,
  currentId,
  crumbsId,
  children,
}: {
  /** The page's live locations (useLiveLocations): what the tree shows, with counts and bands. */
  live: Pick<ComponentProps<typeof LocationTree>, "locations" | "counts" | "settings">;
  currentId: string | null;
  crumbsId: string | null;
  children: ReactNode;
}) {
  return (
    <div className="layout">
      <aside className="layout__side">
        <LocationTree locations={live.locations} counts={live.counts} settings={live.settings} currentId={currentId} />
      </aside>
      <div className="layout__main">
        {crumbsId !== null && <Breadcrumbs locations={live.locations} currentId={crumbsId} />}
        {children}
      </div>
    </div>
  );
}
