"use client";
import { useMemo } from "react";
import type { DevicePoint } from "@/lib/occupancy/types";
import { FloorMap } from "@/components/floor-map/floor-map";
import { useFloorDevices } from "@/components/realtime/use-floor-devices";
import type { AppSocket } from "@/components/realtime/socket";

// The shape the server's kiosk loader sends (a type only: nothing server-side reaches the browser).
export type { KioskFloorMapView as KioskFloorMap } from "@/lib/kiosk/load";
import type { KioskFloorMapView as KioskFloorMap } from "@/lib/kiosk/load";

const LAYERS = { dots: false, heat: true, zones: false };
const NO_ZONES: never[] = [];

/** The floor plan as a thumbnail with the heat layer only: where it is busy, never who is where. */
export function KioskMap({
  floorId,
  map,
  socket,
  theme,
  name,
  current,
}: {
  floorId: string;
  map: KioskFloorMap;
  socket: AppSocket;
  theme: string;
  name: string;
  current: boolean;
}) {
  const { devices, version } = useFloorDevices(floorId, socket);
  // `devices` is one Map mutated in place; `version` says it changed.
  const points: DevicePoint[] = useMemo(() => [...devices.values()], [devices, version]);
  return (
    // When the floor's number is not current, neither is its heat: faded, like the number.
    <figure
      className={`kiosk__map${current ? "" : " kiosk__map--stale"}`}
      data-testid="kiosk-map"
      data-current={current}
      aria-label={`${name}: where it is busy now`}
    >
      <FloorMap
        imageUrl={map.url}
        geometry={map}
        points={points}
        layers={LAYERS}
        zones={NO_ZONES}
        draft={null}
        theme={theme}
        label={`${name}: heat map of where people are now`}
      />
    </figure>
  );
}
