import { authRegistryOrThrow } from "./registry";
import { parseCookies, sessionCookies, sessionTokenFrom, wantsSecureCookies } from "./cookies";
import { createSession } from "./sessions";

/** Signs a user in: a fresh session (the presented one is dropped) and a 303 to `location`. */
export async function startSessionResponse(
  req: Request,
  o: { userId: string; tenantId: string | null; location: string },
): Promise<Response> {
  const { db, auth } = authRegistryOrThrow();
  const previousToken = sessionTokenFrom(parseCookies(req.headers.get("cookie")), auth.settings.https) ?? null;
  const s = await createSession(db, {
    userId: o.userId,
    tenantId: o.tenantId,
    ttlMs: auth.settings.sessionTtlMs,
    now: auth.now(),
    previousToken,
  });
  const headers = new Headers({ Location: o.location, "Cache-Control": "no-store" });
  for (const c of sessionCookies(s.token, s.csrfToken, {
    secure: wantsSecureCookies(req, auth.settings),
    maxAgeSec: Math.floor(auth.settings.sessionTtlMs / 1000),
  })) {
    headers.append("Set-Cookie", c);
  }
  return new Response(null, { status: 303, headers });
}
