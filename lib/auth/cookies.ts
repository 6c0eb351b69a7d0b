// Our two cookies: the session (HttpOnly) and its CSRF token (readable by our own scripts, which echo
// it in X-CSRF-Token; another site can neither read it nor make a browser send it as a header).
export const SESSION_COOKIE = "fp_session";
export const CSRF_COOKIE = "fp_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        /* a malformed cookie is no cookie */
      }
    }
  }
  return out;
}

interface CookieOptions {
  secure: boolean;
  maxAgeSec: number;
}

export function sessionCookies(token: string, csrfToken: string, o: CookieOptions): string[] {
  const tail = `Path=/; Max-Age=${o.maxAgeSec}${o.secure ? "; Secure" : ""}`;
  return [`${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; ${tail}`, `${CSRF_COOKIE}=${csrfToken}; SameSite=Strict; ${tail}`];
}

export function clearedSessionCookies(secure: boolean): string[] {
  return sessionCookies("", "", { secure, maxAgeSec: 0 });
}

/** Whether cookies must be Secure: the public URL is https, or a trusted proxy says the request was. */
export function wantsSecureCookies(req: Request, settings: { https: boolean; trustProxy: boolean }): boolean {
  return settings.https || (settings.trustProxy && req.headers.get("x-forwarded-proto") === "https");
}
