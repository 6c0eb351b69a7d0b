import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, securityHeaders } from "@/lib/http/csp";
import { allowedRedirectUris, redirectOrigins } from "@/lib/auth/redirect-uris";
import type { Config } from "@/lib/config";
import { getRegistryOrThrow } from "@/lib/registry";

// Security headers for every response, and a per-request CSP nonce for pages (Next reads it from the
// request's CSP header and puts it on its own scripts). The proxy runs in server.ts's process (Next's
// Node.js runtime) and reads the configuration server.ts parsed, from the registry: never the environment.

interface ProxySettings {
  config: Config;
  formActions: string[];
  publicHttps: boolean;
}
let current: ProxySettings | null = null;

/** What the proxy derives from the configuration, again only when the application is another one. */
function settingsOf(config: Config): ProxySettings {
  if (current?.config === config) return current;
  // A sign-in on the OAuth login page ends in a redirect to Cisco's OAuthValidation URL, which the
  // browser checks against form-action; in simulator mode that is the simulator on this machine.
  const formActions = [
    ...redirectOrigins(allowedRedirectUris(config.OAUTH_REDIRECT_URIS ?? [])),
    ...(config.SPACES_ACTIVATION_TOKEN || config.SPACES_API_KEY ? [] : ["http://127.0.0.1:*", "http://localhost:*"]),
  ];
  return (current = { config, formActions, publicHttps: config.PUBLIC_URL?.startsWith("https:") ?? false });
}

export function proxy(request: NextRequest) {
  const { config: settings, formActions, publicHttps } = settingsOf(getRegistryOrThrow().config);
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
