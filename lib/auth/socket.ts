import { findAuthRegistry } from "./registry";
import type { Db } from "@/lib/store/db";
import type { AuthContext } from "./context";
import { HERE_PREFIX, hereLinkState } from "./here-links";
import { resolveKioskToken } from "./kiosk-tokens";
import { resolvePrincipal } from "./principal";
import { canSeeLocation } from "./scope";
import { isSameOrigin } from "./csrf";
import { addressKey, clientAddress } from "@/lib/http/client-address";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";

// Socket.IO connections authenticate like page requests: the session cookie, a kiosk token in
// `auth.token`, or the demo visitor. What they may watch is decided by `socketCanWatch`.

export interface SocketHandshake {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
  /** socket.handshake.address: the TCP peer. Without it, demo access relies on listening on loopback only. */
  address?: string;
}

export interface SocketPrincipal {
  tenantId: string;
  role: "admin" | "viewer" | "kiosk";
  scopeLocationId: string | null;
  kioskId?: string;
  /** For a signed-in browser: its session (hash), so signing out or a demotion ends the socket. */
  sessionId?: string;
}

export async function authenticateSocketWith(
  h: SocketHandshake,
  ctx: AuthContext,
  db: Db,
): Promise<SocketPrincipal | null> {
  const header = (name: string) => {
    const v = h.headers[name];
    return (Array.isArray(v) ? v[0] : v) ?? null;
  };
  const token = typeof h.auth?.token === "string" ? h.auth.token : null;
  if (token !== null) {
    // A display that names its link is that link and nothing more, even in a browser with a session:
    // revoking the link must end it.
    // A visitor's "You are here" page names its code instead: the same display's scope, nothing more.
    const k = token.startsWith(HERE_PREFIX) ? await hereKiosk(db, ctx, token) : await resolveKioskToken(db, token);
    return k ? { tenantId: k.tenantId, role: "kiosk", scopeLocationId: k.locationId, kioskId: k.id } : null;
  }
  const facts = { header, clientAddress: h.address ?? null };
  const p = await resolvePrincipal(facts, ctx, db);
  if (!p || !p.tenantId) return null;
  // A cookie rides along whatever page opened the socket (browsers send Origin on every WebSocket
  // handshake): only our own pages may use it, as for any change a session makes.
  if (p.kind === "session" && !isSameOrigin(facts, ctx.settings.publicUrl)) return null;
  return {
    tenantId: p.tenantId,
    role: p.role,
    scopeLocationId: p.scopeLocationId,
    ...(p.kind === "session" ? { sessionId: p.sessionId } : {}),
  };
}

async function hereKiosk(db: Db, ctx: AuthContext, token: string) {
  const link = await hereLinkState(db, ctx.dataKey, token, ctx.now());
  return link.state === "active" ? link.kiosk : null;
}

/**
 * Whether this address may open another socket now (RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE): the
 * address the trusted proxy hop saw, else the TCP peer (a client's own copy of CLIENT_IP_HEADER is ignored).
 */
export async function admitSocket(h: {
  headers: Record<string, string | string[] | undefined>;
  address: string;
}): Promise<{ ok: true } | { ok: false; retryAfterSec: number }> {
  const reg = findAuthRegistry();
  if (!reg) return { ok: true }; // authenticateSocket refuses everyone until the registry exists
  const get = (name: string) => {
    if (name === CLIENT_IP_HEADER) return h.address;
    const v = h.headers[name];
    return (Array.isArray(v) ? v.join(",") : v) ?? null;
  };
  const key = addressKey(clientAddress({ get }, reg.auth.settings.proxyHops));
  return reg.auth.limits.socketConnect.take(key);
}

/** For Socket.IO's connection check: uses the registry server.ts set (nobody gets in before it is set). */
export async function authenticateSocket(h: SocketHandshake): Promise<SocketPrincipal | null> {
  const reg = findAuthRegistry();
  return reg ? authenticateSocketWith(h, reg.auth, reg.db) : null;
}

/** Whether a socket may watch a location: its tenant's, and inside a kiosk's subtree. */
export function socketCanWatch(db: Db, p: SocketPrincipal, locationId: string): Promise<boolean> {
  return canSeeLocation(db, p, locationId);
}
