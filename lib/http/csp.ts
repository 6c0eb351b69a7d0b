// The Content-Security-Policy for our pages: scripts only from us or carrying this response's nonce,
// inline styles allowed (Leaflet positions tiles and markers with style attributes), no framing.
export interface CspOptions {
  nonce: string;
  dev: boolean;
  https: boolean;
  /** Origins a form may post or redirect to besides our own (Cisco's OAuth redirect URIs). */
  formActions: string[];
}

export function buildCsp(o: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${o.formActions.length ? " " + o.formActions.join(" ") : ""}`,
    "frame-ancestors 'none'",
  ];
  if (o.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers every page gets besides the CSP. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
