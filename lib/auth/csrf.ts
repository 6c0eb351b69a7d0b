import { CSRF_HEADER } from "./cookies";
import { safeEqual } from "@/lib/crypto/hash";
import { AppError } from "@/lib/errors";
import type { Principal } from "./principal";
import type { RequestFacts } from "./principal";

// Browser sessions ride on a cookie the browser attaches by itself, so every change they make must also
// show the CSRF token (a header another site cannot set) and, when the browser says where it comes
// from, our own origin. The demo visitor has no cookie; the origin check is what protects it.

export function isSameOrigin(r: RequestFacts, publicUrl: string): boolean {
  const origin = r.header("origin");
  const site = r.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  if (!origin) return true;
  if (origin === "null") return false;
  try {
    const o = new URL(origin);
    return o.host === r.header("host") || o.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

export function assertCsrfOrThrow(p: Principal, r: RequestFacts, publicUrl: string): void {
  if (!isSameOrigin(r, publicUrl))
    throw new AppError("CSRF_FAILED", "This request came from another site and was refused.");
  if (p.kind === "session") {
    const sent = r.header(CSRF_HEADER);
    if (!sent || !safeEqual(sent, p.csrfToken))
      throw new AppError("CSRF_FAILED", `Missing or wrong ${CSRF_HEADER} header: reload the page and try again.`);
  }
}
