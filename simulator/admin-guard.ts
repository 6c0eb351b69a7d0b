import type { IncomingHttpHeaders } from "node:http";

// /admin/* has no auth (it mints tokens and drives activations), so it must answer only a person or a
// test on this machine, never a web page: a page elsewhere cannot reach it by name (a rebinding name
// arrives with its own Host) or from script (the browser says Origin, or Sec-Fetch-Site: cross-site).
// A direct visit (typing the URL, a test's page.goto) sends neither.

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Why an admin request is refused, or null when it may go through. `ownUrls`: the simulator's base URL and --public-url. */
export function adminRefusal(h: IncomingHttpHeaders, ownUrls: string[]): string | null {
  const own = ownUrls.filter(Boolean).map((u) => new URL(u));
  const host = first(h.host)?.toLowerCase();
  if (!host || (!LOOPBACK.test(host) && !own.some((u) => u.host === host)))
    return "admin API answers only on this machine's own address";
  const site = first(h["sec-fetch-site"]);
  if (site && site !== "same-origin" && site !== "none")
    return "admin API refuses requests made by another site's page";
  const origin = first(h.origin);
  if (origin !== undefined) {
    let o: URL | null = null;
    try {
      o = new URL(origin);
    } catch {
      /* "null" or unparsable */
    }
    if (!o || (o.host !== host && !own.some((u) => u.origin === o.origin)))
      return "admin API refuses requests made by another site's page";
  }
  return null;
}
