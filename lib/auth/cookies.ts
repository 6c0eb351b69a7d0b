// Our two cookies: the session (HttpOnly) and its CSRF token (readable by our own scripts, which echo
// it in X-CSRF-Token; another site can neither read it nor make a browser send it as a header).
export const SESSION_COOKIE = "fp_session";
export const CSRF_COOKIE = "fp_csrf";
export const CSRF_HEADER = "x-csrf-token";
/**
 * Over https both cookies carry the __Host- prefix: the browser then accepts them only with Secure,
 * Path=/ and no Domain, so neither a sibling subdomain nor a plain-http page can set one of ours.
 */
export const HOST_PREFIX = "__Host-";

/** The session token a request carries; when the public URL is https, only the __Host- cookie counts. */
export function sessionTokenFrom(cookies: Record<string, string>, httpsOnly: boolean): string | undefined {
  return cookies[HOST_PREFIX + SESSION_COOKIE] ?? (httpsOnly ? undefined : cookies[SESSION_COOKIE]);
}

/**
 * The request's cookies by name. A name sent twice is dropped altogether: a sibling subdomain or an
 * insecure page can plant a second cookie of the same name (browsers send both, in an order the
 * attacker can influence), and neither copy can be trusted to be ours.
 */
export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const twice = new Set<string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    if (name in out || twice.has(name)) {
      twice.add(name);
      delete out[name];
      continue;
    }
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      twice.add(name); // a malformed cookie is no cookie, and makes any other of its name doubtful
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
  const p = o.secure ? HOST_PREFIX : "";
  return [
    `${p}${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; ${tail}`,
    `${p}${CSRF_COOKIE}=${csrfToken}; SameSite=Strict; ${tail}`,
  ];
}

export function clearedSessionCookies(secure: boolean): string[] {
  return sessionCookies("", "", { secure, maxAgeSec: 0 });
}

/** Whether cookies must be Secure: the public URL is https, or a trusted proxy says the request was. */
export function wantsSecureCookies(req: Request, settings: { https: boolean; trustProxy: boolean }): boolean {
  return settings.https || (settings.trustProxy && req.headers.get("x-forwarded-proto") === "https");
}
