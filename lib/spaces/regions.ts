/** Cisco Spaces partner API hosts by region (Cisco DevNet, Cisco Spaces Firehose "HTTP Streaming", and the older names of Cisco Spaces API Getting Started). */
export const SPACES_REGIONS = [
  "https://partners.ciscospaces.io",
  "https://partners.ciscospaces.eu",
  "https://partners.ciscospaces.sg",
  "https://partners.dnaspaces.io",
  "https://partners.dnaspaces.eu",
] as const;

/**
 * Sandbox and pre-production hosts. Cisco names no list ("The domain will vary based on the environment
 * such as Sandbox, Pre-Production, and Production. The <baseUrl> must be taken from the JWT token":
 * Cisco Spaces Partner Ecosystem Guide, Get API Key): any https host under its partner domains.
 * Accepted only with SPACES_SANDBOX_HOSTS=true.
 */
export const CISCO_SANDBOX_HOSTS = [
  "https://*.ciscospaces.io",
  "https://*.ciscospaces.eu",
  "https://*.ciscospaces.sg",
  "https://*.dnaspaces.io",
  "https://*.dnaspaces.eu",
] as const;

/** The guide's own example redirect URI (Cisco Spaces Partner Ecosystem Guide, Get Access Token), sandbox only. */
export const GUIDE_EXAMPLE_REDIRECT_URI = "https://partners.dnaspaces.io/OAuthValidation";

/** The base URLs a token or key may name: the configured list (else every region), and sandbox hosts when allowed. */
export function allowedBaseUrlsOf(c: {
  SPACES_ALLOWED_BASE_URLS?: string[] | undefined;
  SPACES_SANDBOX_HOSTS: boolean;
}): string[] {
  return [...(c.SPACES_ALLOWED_BASE_URLS ?? SPACES_REGIONS), ...(c.SPACES_SANDBOX_HOSTS ? CISCO_SANDBOX_HOSTS : [])];
}

/** Whether `origin` is allowed by `entry`: the same origin, or for "https://*.domain" any https host under domain on the default port. */
export function originAllowedBy(entry: string, origin: string): boolean {
  const wildcard = /^https:\/\/\*\.([a-z0-9.-]+)$/i.exec(entry);
  if (!wildcard) return new URL(entry).origin === origin;
  const u = new URL(origin);
  return u.protocol === "https:" && u.port === "" && u.hostname.endsWith(`.${wildcard[1]!.toLowerCase()}`);
}
