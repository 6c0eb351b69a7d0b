"use client";
import { useEffect, useState } from "react";
import { getSocket } from "./socket";

export type ConnectionState = "connecting" | "live" | "reconnecting";

export function useConnection(): ConnectionState {
  const [state, setState] = useState<ConnectionState>("connecting");
  useEffect(() => {
    const s = getSocket();
    const up = () => setState("live");
    const down = () => setState("reconnecting");
    if (s.connected) up();
    s.on("connect", up);
    s.on("disconnect", down);
    s.io.on("reconnect_attempt", down);
    return () => {
      s.off("connect", up);
      s.off("disconnect", down);
      s.io.off("reconnect_attempt", down);
    };
  }, []);
  return state;
}
