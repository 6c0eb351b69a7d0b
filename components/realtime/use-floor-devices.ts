"use client";
import { useEffect, useRef, useState } from "react";
import type { DevicePoint } from "@/lib/occupancy/types";
import { getSocket, type AppSocket } from "./socket";
import { watchFeed } from "./watch-feed";

/** Live device positions on one floor, as a Map from alias to point, plus a version that bumps on change. */
export function useFloorDevices(floorId: string, socket?: AppSocket) {
  const devices = useRef(new Map<number, DevicePoint>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      watchFeed(socket ?? getSocket(), "floor", floorId, (m) => m.floorId === floorId, {
        snapshot(snap) {
          setError(null);
          devices.current = new Map(snap.devices.map((p) => [p[0], p]));
          setVersion((v) => v + 1);
        },
        delta(d) {
          for (const alias of d.removed) devices.current.delete(alias);
          for (const p of d.moved) devices.current.set(p[0], p);
          setVersion((v) => v + 1);
        },
        error: setError,
      }),
    [floorId, socket],
  );

  return { devices: devices.current, version, error };
}
