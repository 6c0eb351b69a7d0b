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

/**
 * Why an API key must not be sent to `baseUrl`, or null when it may: the one check every stored base
 * URL passes before a key goes to it (lib/store/activations reads no key without it). Refused: not a
 * URL, a user or password in it (a spelling that hides the real host), an origin no entry allows.
 */
export function keyTargetRefusal(allowed: readonly string[], baseUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return "its base URL is not a URL";
  }
  if (u.username || u.password) return "its base URL carries a user name or password";
  if (u.origin === "null") return "its base URL is not an http(s) URL";
  if (!allowed.some((entry) => originAllowedBy(entry, u.origin)))
    return `base URL ${u.origin} is not an allowed Cisco Spaces host`;
  return null;
}

/** keyTargetRefusal bound to an allowlist, as lib/store/activations asks it. */
export const keyTargetCheck =
  (allowed: readonly string[]) =>
  (baseUrl: string): string | null =>
    keyTargetRefusal(allowed, baseUrl);
