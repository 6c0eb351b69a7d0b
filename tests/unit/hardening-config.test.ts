import { describe, expect, it } from "vitest";
import { buildAuthSettings } from "@/lib/auth/context";
import { loadConfigOrThrow } from "@/lib/config";

describe("configuration that an exposed install must not run with", () => {
  it("refuses the development server behind a proxy or on an https address", () => {
    expect(() => loadConfigOrThrow({ NODE_ENV: "development", PUBLIC_URL: "https://floorpulse.example.com" })).toThrow(
      /NODE_ENV=production/,
    );
    expect(() => loadConfigOrThrow({ NODE_ENV: "test", TRUST_PROXY: "true" })).toThrow(/NODE_ENV=production/);
    expect(() => loadConfigOrThrow({})).not.toThrow(); // a developer's machine
    expect(() =>
      loadConfigOrThrow({ NODE_ENV: "production", TRUST_PROXY: "true", PUBLIC_URL: "https://floorpulse.example.com" }),
    ).not.toThrow();
  });
  it("counts trusted proxy hops only when TRUST_PROXY is on", () => {
    const s = (env: Record<string, string>) =>
      buildAuthSettings(loadConfigOrThrow({ NODE_ENV: "production", ...env }), {
        publicUrl: "http://127.0.0.1:3000",
        simulator: null,
      });
    expect(s({}).proxyHops).toBe(0);
    expect(s({ TRUST_PROXY_HOPS: "3" }).proxyHops).toBe(0);
    expect(s({ TRUST_PROXY: "true" }).proxyHops).toBe(1);
    expect(s({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "2" }).proxyHops).toBe(2);
    expect(() => loadConfigOrThrow({ TRUST_PROXY_HOPS: "0" })).toThrow(/TRUST_PROXY_HOPS/);
  });
});
