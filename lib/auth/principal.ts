import { bearerFrom } from "@/lib/http/bearer";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";
import type { Db } from "@/lib/store/db";
import type { AuthContext } from "./context";
import { parseCookies, sessionTokenFrom } from "./cookies";
import { isDemoRequest } from "./demo";
import { hasProxyHeaders } from "@/lib/http/proxy-headers";
import { resolveKioskToken } from "./kiosk-tokens";
import type { Role } from "./roles";
import { findSession } from "./sessions";

// Who is asking: a signed-in session, a kiosk display, or the demo visitor. Everything that reads or
// writes tenant data starts here.

interface Base {
  role: Role;
  /** null: signed in, but no Cisco Spaces account is connected to this user yet. */
  tenantId: string | null;
  /** A kiosk sees only this location and what is below it. */
  scopeLocationId: string | null;
}

export type Principal =
  | (Base & {
      kind: "session";
      role: "admin" | "viewer";
      userId: string;
      email: string;
      csrfToken: string;
      sessionId: string;
    })
  | (Base & { kind: "demo"; role: "admin" })
  | (Base & { kind: "kiosk"; role: "kiosk"; tenantId: string; scopeLocationId: string; kioskId: string });

export { CLIENT_IP_HEADER };

export interface RequestFacts {
  header(name: string): string | null;
  /** The TCP peer when known (server.ts passes it in CLIENT_IP_HEADER; Socket.IO in handshake.address). */
  clientAddress: string | null;
  /** A kiosk token sent outside the headers (Socket.IO auth.token). */
  kioskToken?: string | null;
}

export function factsFromHeaders(h: { get(name: string): string | null }): RequestFacts {
  return { header: (n) => h.get(n), clientAddress: h.get(CLIENT_IP_HEADER) };
}

export async function resolvePrincipal(r: RequestFacts, ctx: AuthContext, db: Db): Promise<Principal | null> {
  const cookies = parseCookies(r.header("cookie"));
  const session = await findSession(db, sessionTokenFrom(cookies, ctx.settings.https), ctx.now());
  if (session) {
    return {
      kind: "session",
      role: session.role,
      tenantId: session.tenantId,
      scopeLocationId: null,
      userId: session.userId,
      email: session.email,
      csrfToken: session.csrfToken,
      sessionId: session.sessionId,
    };
  }
  const bearer = bearerFrom(r.header("authorization"));
  const kiosk = await resolveKioskToken(db, r.kioskToken ?? bearer);
  if (kiosk)
    return {
      kind: "kiosk",
      role: "kiosk",
      tenantId: kiosk.tenantId,
      scopeLocationId: kiosk.locationId,
      kioskId: kiosk.id,
    };
  const demo = isDemoRequest(
    {
      clientAddress: r.clientAddress,
      host: r.header("host"),
      origin: r.header("origin"),
      forwardedFor: r.header("x-forwarded-for"),
    },
    { enabled: ctx.settings.demo.enabled, listensOnLoopbackOnly: ctx.settings.demo.listensOnLoopbackOnly },
  );
  // A proxy in front can make anyone look local (Host rewritten to loopback, the peer is the proxy): any
  // sign of one, or a real activation, and nobody is the demo admin.
  if (demo && !hasProxyHeaders(r.header) && (await ctx.demo.isOn()))
    return { kind: "demo", role: "admin", tenantId: await ctx.demoTenantId(db), scopeLocationId: null };
  return null;
}
