import { clearedSessionCookies, parseCookies, sessionTokenFrom, wantsSecureCookies } from "@/lib/auth/cookies";
import { isSameOrigin } from "@/lib/auth/csrf";
import { messagePage } from "@/lib/http/html";
import { factsFromHeaders } from "@/lib/auth/principal";
import { deleteSession } from "@/lib/auth/sessions";
import { authRegistryOrThrow } from "@/lib/auth/registry";

export async function POST(req: Request) {
  const { db, auth } = authRegistryOrThrow();
  if (!isSameOrigin(factsFromHeaders(req.headers), auth.settings.publicUrl)) {
    return messagePage({ status: 403, title: "Sign-out refused", lead: "This request came from another site." });
  }
  await deleteSession(db, sessionTokenFrom(parseCookies(req.headers.get("cookie")), auth.settings.https));
  const headers = new Headers({ Location: "/signin?signedOut=1", "Cache-Control": "no-store" });
  for (const c of clearedSessionCookies(wantsSecureCookies(req, auth.settings))) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}
