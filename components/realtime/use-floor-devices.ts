"use client";
import { useEffect, useRef, useState } from "react";
import type { DevicePoint } from "@/lib/occupancy/types";
import type { FloorDeltaMessage, FloorSnapshot, WatchError } from "@/lib/realtime/protocol";
import { getSocket, type AppSocket } from "./socket";

/** Live device positions on one floor, as a Map from alias to point, plus a version that bumps on change. */
export function useFloorDevices(floorId: string, socket?: AppSocket) {
  const devices = useRef(new Map<number, DevicePoint>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const s = socket ?? getSocket();
    let seq = -1;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onSnapshot = (snap: FloorSnapshot | WatchError) => {
      if ("error" in snap) {
        if (snap.retryAfterMs) retry = setTimeout(watch, snap.retryAfterMs);
        return setError(snap.error);
      }
      setError(null);
      seq = snap.seq;
      devices.current = new Map(snap.devices.map((p) => [p[0], p]));
      setVersion((v) => v + 1);
    };
    const watch = () => s.emit("floor:watch", floorId, onSnapshot);
    // Pushed after this socket fell behind and its deltas were dropped: a full replacement.
    const onPushedSnapshot = (snap: FloorSnapshot) => {
      if (snap.floorId === floorId) onSnapshot(snap);
    };
    const onDelta = (d: FloorDeltaMessage) => {
      if (d.floorId !== floorId || seq < 0) return;
      if (d.seq !== seq + 1) return watch();
      seq = d.seq;
      for (const alias of d.removed) devices.current.delete(alias);
      for (const p of d.moved) devices.current.set(p[0], p);
      setVersion((v) => v + 1);
    };
    s.on("floor:delta", onDelta);
    s.on("floor:snapshot", onPushedSnapshot);
    s.on("connect", watch);
    if (s.connected) watch();
    return () => {
      clearTimeout(retry);
      s.off("floor:delta", onDelta);
      s.off("floor:snapshot", onPushedSnapshot);
      s.off("connect", watch);
      s.emit("floor:unwatch", floorId);
    };
  }, [floorId, socket]);

  return { devices: devices.current, version, error };
}
