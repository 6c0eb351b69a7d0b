import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, securityHeaders } from "@/lib/http/csp";
import { allowedRedirectUris, redirectOrigins } from "@/lib/auth/redirect-uris";
import { loadConfigOrThrow } from "@/lib/config";

// Security headers for every response, and a per-request CSP nonce for pages (Next reads it from the
// request's CSP header and puts it on its own scripts). The proxy reads only config, no app state.

const settings = loadConfigOrThrow();
// A sign-in on the OAuth login page ends in a redirect to Cisco's OAuthValidation URL, which the
// browser checks against form-action; in simulator mode that is the simulator on this machine.
const formActions = [
  ...redirectOrigins(allowedRedirectUris(settings.OAUTH_REDIRECT_URIS ?? [])),
  ...(settings.SPACES_ACTIVATION_TOKEN || settings.SPACES_API_KEY ? [] : ["http://127.0.0.1:*", "http://localhost:*"]),
];
const publicHttps = settings.PUBLIC_URL?.startsWith("https:") ?? false;

export function proxy(request: NextRequest) {
  const https =
    publicHttps ||
    request.nextUrl.protocol === "https:" ||
    (settings.TRUST_PROXY && request.headers.get("x-forwarded-proto") === "https");
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  let response: NextResponse;
  let csp: string | null = null;
  if (isApi) response = NextResponse.next();
  else {
    const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
    csp = buildCsp({ nonce, dev: settings.NODE_ENV === "development", https, formActions });
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("Content-Security-Policy", csp);
  }
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  // Kiosk and "You are here" URLs carry their link's token: never send it on in a Referer.
  if (/^\/(kiosk|here)\//.test(request.nextUrl.pathname)) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
