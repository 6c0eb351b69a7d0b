"use client";
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";

// Leaflet touches `window` at import, so it only loads in the browser.
const FloorMapCanvas = dynamic(() => import("./floor-map-canvas"), {
  ssr: false,
  loading: () => <div className="floor-map floor-map--loading">Loading map…</div>,
});

export function FloorMap(props: ComponentProps<typeof FloorMapCanvas>) {
  return <FloorMapCanvas {...props} />;
}
