import { describe, expect, it } from "vitest";
import { assertAllowedBaseUrl } from "@/lib/auth/cisco-jwt";
import { buildAuthSettings } from "@/lib/auth/context";
import { loadConfigOrThrow } from "@/lib/config";
import { allowedBaseUrlsOf } from "@/lib/spaces/regions";

// A draft app's sandbox and pre-production keys and tokens name hosts Cisco does not list: an operator
// testing one turns SPACES_SANDBOX_HOSTS on; production never accepts them.

const settingsWith = (env: Record<string, string>) =>
  buildAuthSettings(loadConfigOrThrow(env), { publicUrl: "http://127.0.0.1:3000", simulator: null });
const SANDBOX_HOSTS = [
  "https://partners-sandbox.dnaspaces.io",
  "https://preprod.ciscospaces.eu",
  "https://partners.sandbox.ciscospaces.sg",
];

describe("Cisco's sandbox and pre-production hosts", () => {
  it("are refused by default and accepted once the operator allows them", () => {
    const closed = allowedBaseUrlsOf(loadConfigOrThrow({}));
    const open = allowedBaseUrlsOf(loadConfigOrThrow({ SPACES_SANDBOX_HOSTS: "true" }));
    for (const host of SANDBOX_HOSTS) {
      expect(() => assertAllowedBaseUrl(host, closed), host).toThrow(/not a Cisco Spaces region/);
      expect(assertAllowedBaseUrl(`${host}/`, open), host).toBe(host);
    }
    // The documented production regions stay allowed either way.
    expect(assertAllowedBaseUrl("https://partners.dnaspaces.eu", closed)).toBe("https://partners.dnaspaces.eu");
    expect(assertAllowedBaseUrl("https://partners.dnaspaces.eu", open)).toBe("https://partners.dnaspaces.eu");
  });

  it("never let a host that only looks like Cisco's through", () => {
    const open = allowedBaseUrlsOf(loadConfigOrThrow({ SPACES_SANDBOX_HOSTS: "true" }));
    for (const lookalike of [
      "https://dnaspaces.io.attacker.example",
      "https://evildnaspaces.io",
      "https://sandbox.dnaspaces.io.",
      "http://sandbox.dnaspaces.io",
      "https://sandbox.dnaspaces.io:8443",
      "https://sandbox.dnaspaces.com",
      "https://dnaspaces.io@attacker.example",
    ]) {
      expect(() => assertAllowedBaseUrl(lookalike, open), lookalike).toThrow(/not a Cisco Spaces region/);
    }
  });

  it("accept the partner guide's own example redirect URI only in sandbox mode", () => {
    const example = "https://partners.dnaspaces.io/OAuthValidation";
    expect(settingsWith({}).oauth.redirectUris).not.toContain(example);
    expect(settingsWith({ SPACES_SANDBOX_HOSTS: "true" }).oauth.redirectUris).toContain(example);
  });
});
