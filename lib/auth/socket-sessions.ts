import type { Db } from "@/lib/store/db";
import { liveSessionRows } from "@/lib/store/sessions";

// A socket opened with a session cookie lives only as long as that session says what it said at the
// handshake: signing out, expiry, the user's removal, a demotion or a move to another organisation
// all end it (the realtime server sweeps every few seconds; the browser reconnects as whoever it is now).

export interface SocketSession {
  sessionId: string;
  role: string;
  tenantId: string;
}

/** For each of `sockets`, whether its session still exists, is unexpired, and still carries the same role and tenant (one query). */
export async function validSocketSessions(db: Db, sockets: SocketSession[], now: number): Promise<boolean[]> {
  if (!sockets.length) return [];
  const rows = new Map(
    (await liveSessionRows(db, [...new Set(sockets.map((s) => s.sessionId))], now)).map((r) => [r.id, r]),
  );
  return sockets.map((s) => {
    const r = rows.get(s.sessionId);
    if (!r) return false;
    const role = r.user.role === "admin" ? "admin" : "viewer";
    return role === s.role && (r.user.tenantId ?? r.tenantId) === s.tenantId;
  });
}
