import { describe, expect, it } from "vitest";
import { buildCsp, securityHeaders } from "@/lib/http/csp";

describe("security headers", () => {
  it("lets only our scripts and this response's nonce run, and forbids framing", () => {
    const csp = buildCsp({ nonce: "abc123", dev: false, https: false, formActions: ["https://partners.dnaspaces.io"] });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self' https://partners.dnaspaces.io");
    // Leaflet positions its panes with inline styles and shows images from data: URLs.
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("upgrades requests and pins HTTPS only when served over https", () => {
    expect(buildCsp({ nonce: "n", dev: true, https: true, formActions: [] })).toMatch(
      /'unsafe-eval'.*upgrade-insecure-requests/,
    );
    expect(securityHeaders(true)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders(false)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders(false)).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });
  });
});
