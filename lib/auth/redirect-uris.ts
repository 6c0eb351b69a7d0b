import { originOf } from "./url";

// Where our OAuth login may send a browser back to: Cisco's OAuthValidation endpoints only (exact
// match, RFC 6749 §3.1.2), so the login page can never be turned into an open redirect.
//
// Documented (Cisco Spaces Partner Ecosystem Guide, "Get Access Token" and the Live-app note in "Cloud: OAuth Integration"): the sandbox endpoints of the US,
// EU and Singapore dashboards and the Live US one. The Live EU/Singapore ones and the ciscospaces.*
// names of the same regions follow the same pattern and are Cisco's hosts too.
const DOCUMENTED = [
  "https://partners.dnaspaces.io/partner/OAuthValidation",
  "https://partners.dnaspaces.eu/partner/OAuthValidation",
  "https://partners.ciscospaces.sg/partner/OAuthValidation",
  "https://dnaspaces.io/partner/OAuthValidation",
];
const SAME_PATTERN = [
  "https://dnaspaces.eu/partner/OAuthValidation",
  "https://ciscospaces.sg/partner/OAuthValidation",
  "https://partners.ciscospaces.io/partner/OAuthValidation",
  "https://partners.ciscospaces.eu/partner/OAuthValidation",
  "https://ciscospaces.io/partner/OAuthValidation",
  "https://ciscospaces.eu/partner/OAuthValidation",
];
export const CISCO_REDIRECT_URIS: readonly string[] = [...DOCUMENTED, ...SAME_PATTERN];

export function allowedRedirectUris(extra: string[] = []): string[] {
  return [...new Set([...CISCO_REDIRECT_URIS, ...extra])];
}

/** The partner API host of the region a redirect URI belongs to (launch tokens are checked there). */
export function regionBaseForRedirect(redirectUri: string, allowedBaseUrls: string[], fallback: string): string {
  const origin = originOf(redirectUri);
  if (allowedBaseUrls.map(originOf).includes(origin)) return origin;
  const host = new URL(redirectUri).hostname;
  const m = host.match(/^(?:partners\.)?((?:dnaspaces|ciscospaces)\.(?:io|eu|sg))$/);
  return m ? `https://partners.${m[1]}` : fallback;
}

/** Origins a form on our pages may end up at: our own and the redirect URIs'. */
export function redirectOrigins(uris: string[]): string[] {
  return [...new Set(uris.map(originOf))];
}
