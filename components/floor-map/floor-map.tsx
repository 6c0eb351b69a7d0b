"use client";
import dynamic from "next/dynamic";
import type { FloorMapProps } from "./floor-map-canvas";

// Leaflet touches `window` at import, so it only loads in the browser.
const FloorMapCanvas = dynamic(() => import("./floor-map-canvas"), {
  ssr: false,
  loading: () => (
    <div className="floor-map floor-map--loading" role="status">
      Loading the floor map…
    </div>
  ),
});

export function FloorMap(props: FloorMapProps) {
  return <FloorMapCanvas {...props} />;
}
