"use client";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { AppSocket } from "@/components/realtime/socket";

export type LinkState = "connecting" | "live" | "reconnecting" | "revoked";

/** Retry delays after the server refused the socket for a reason other than a revoked link. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** Asks the server whether the link still works: "revoked" (or unknown), "active", or null when it cannot tell. */
export async function checkLink(token: string): Promise<"active" | "revoked" | null> {
  try {
    const res = await fetch("/api/kiosk/status", { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
    if (res.status === 401) return "revoked";
    return res.ok ? "active" : null;
  } catch {
    return null;
  }
}

/**
 * The display's own socket, authenticated by its link (never a session cookie), reconnecting forever
 * with backoff. A revoked link ends here: the server says so before it disconnects, and a refused
 * reconnect is checked over HTTP so a server restart is never mistaken for a revocation.
 */
export function useKioskLink(token: string): { socket: AppSocket | null; state: LinkState } {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [state, setState] = useState<LinkState>("connecting");

  useEffect(() => {
    const s: AppSocket = io({
      path: "/socket.io",
      transports: ["websocket"],
      auth: { token },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 30_000,
      randomizationFactor: 0.5,
    });
    let revoked = false;
    let refused = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const markRevoked = () => {
      revoked = true;
      clearTimeout(retry);
      setState("revoked");
      s.disconnect();
    };
    const onConnect = () => {
      refused = 0;
      setState("live");
    };
    const onDisconnect = (reason: string) => {
      if (revoked) return;
      setState("reconnecting");
      // The server ended us (a revocation whose notice got lost, or a restart): ask, then reconnect.
      if (reason === "io server disconnect")
        void checkLink(token).then((r) => (r === "revoked" ? markRevoked() : !revoked && s.connect()));
    };
    // The handshake was refused (middleware): Socket.IO does not retry that by itself.
    const onConnectError = () => {
      if (revoked || s.active) return; // a transport error: the manager keeps retrying
      setState("reconnecting");
      void checkLink(token).then((r) => {
        if (r === "revoked") return markRevoked();
        if (revoked) return;
        retry = setTimeout(() => s.connect(), RETRY_MS[Math.min(refused++, RETRY_MS.length - 1)]);
      });
    };
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    s.on("kiosk:revoked", markRevoked);
    setSocket(s);
    return () => {
      clearTimeout(retry);
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
      s.off("kiosk:revoked", markRevoked);
      s.disconnect();
    };
  }, [token]);

  return { socket, state };
}
