"use client";
import type { ComponentProps, ReactNode } from "react";
import { Breadcrumbs } from "./breadcrumbs";
import { LocationTree } from "./location-tree";

/**
 * A location page's frame: the location tree beside it, the breadcrumbs to `crumbsId` above it (none for
 * the whole estate) and the page itself below.
 */
export function LocationLayout({
  crumbsId,
  children,
  ...tree
}: ComponentProps<typeof LocationTree> & { crumbsId: string | null; children: ReactNode }) {
  return (
    <div className="layout">
      <aside className="layout__side">
        <LocationTree {...tree} />
      </aside>
      <div className="layout__main">
        {crumbsId !== null && <Breadcrumbs locations={tree.locations} currentId={crumbsId} />}
        {children}
      </div>
    </div>
  );
}
