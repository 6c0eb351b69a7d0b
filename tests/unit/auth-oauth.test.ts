import { describe, expect, it } from "vitest";
import { buildAuthSettings } from "@/lib/auth/context";
import { activationFailure } from "@/lib/activation/cisco-answer";
import { regionOf } from "@/lib/activation/regions";
import {
  authenticateClientOrThrow,
  checkAuthorizeRequest,
  OAuthError,
  signAccessToken,
  verifyAccessToken,
} from "@/lib/auth/oauth";
import { CISCO_REDIRECT_URIS, regionBaseForRedirect } from "@/lib/auth/redirect-uris";
import { safeNextPath } from "@/lib/auth/next-path";
import { loadConfigOrThrow } from "@/lib/config";
import { SpacesError } from "@/lib/spaces/client";
import { SPACES_REGIONS } from "@/lib/spaces/regions";

const settings = buildAuthSettings(
  loadConfigOrThrow({ OAUTH_CLIENT_ID: "floorpulse", OAUTH_CLIENT_SECRET: "s3cret-s3cret-s3cret" }),
  {
    publicUrl: "https://floorpulse.example",
    simulator: null,
  },
);
const US = "https://partners.dnaspaces.io/partner/OAuthValidation";
const valid = {
  client_id: "floorpulse",
  redirect_uri: US,
  response_type: "code",
  state: "0855E7EFE7124B538D455F0C5CEF2629",
};

describe("the OAuth login URL's checks", () => {
  it("accepts Cisco's documented request for each region, sandbox and live", () => {
    for (const uri of [
      US,
      "https://partners.dnaspaces.eu/partner/OAuthValidation",
      "https://partners.ciscospaces.sg/partner/OAuthValidation",
      "https://dnaspaces.io/partner/OAuthValidation",
    ]) {
      expect(checkAuthorizeRequest({ ...valid, redirect_uri: uri }, settings)).toMatchObject({
        ok: true,
        request: { redirectUri: uri },
      });
    }
  });

  it("refuses, without ever redirecting, a wrong client, an open-redirect attempt and malformed requests", () => {
    const problem = (q: Record<string, string>) => {
      const r = checkAuthorizeRequest(q, settings);
      return r.ok ? null : r.problem;
    };
    expect(problem({ ...valid, client_id: "dnaspaces" })).toMatch(/client_id "dnaspaces" is not this Floorpulse's/);
    expect(problem({ ...valid, redirect_uri: "https://evil.example/partner/OAuthValidation" })).toMatch(
      /not a Cisco Spaces OAuthValidation address/,
    );
    expect(problem({ ...valid, redirect_uri: `${US}?next=https://evil.example` })).toMatch(/redirect_uri/);
    expect(
      problem({ ...valid, redirect_uri: "https://partners.dnaspaces.io.evil.example/partner/OAuthValidation" }),
    ).toMatch(/redirect_uri/);
    expect(problem({ ...valid, response_type: "token" })).toMatch(/response_type/);
    expect(problem({ ...valid, state: "" })).toMatch(/state/);
    expect(problem({ ...valid, state: "<script>" })).toMatch(/state/);
  });

  it("is closed until a client secret is configured", () => {
    const off = buildAuthSettings(loadConfigOrThrow({}), { publicUrl: "http://127.0.0.1:3000", simulator: null });
    expect(checkAuthorizeRequest(valid, off)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/OAUTH_CLIENT_SECRET/),
    });
  });

  it("only ever accepts Cisco hosts as redirect targets by default", () => {
    expect(settings.oauth.redirectUris).toEqual([...CISCO_REDIRECT_URIS]);
    expect(
      CISCO_REDIRECT_URIS.every((u) =>
        /^https:\/\/(partners\.)?(dnaspaces|ciscospaces)\.(io|eu|sg)\/partner\/OAuthValidation$/.test(u),
      ),
    ).toBe(true);
  });

  it("keeps sign-in's `next` on this site", () => {
    expect(safeNextPath("/locations/abc")).toBe("/locations/abc");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", undefined])
      expect(safeNextPath(bad)).toBe("/");
  });
});

describe("the token URL's client authentication", () => {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

  it("accepts the secret in the body (Cisco) or in HTTP Basic", () => {
    expect(
      authenticateClientOrThrow({ client_id: "floorpulse", client_secret: "s3cret-s3cret-s3cret" }, null, settings),
    ).toBe("floorpulse");
    expect(authenticateClientOrThrow({}, basic("floorpulse", "s3cret-s3cret-s3cret"), settings)).toBe("floorpulse");
  });

  it("answers invalid_client for a wrong secret or client, and invalid_request for two methods at once", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as OAuthError).error;
      }
      return null;
    };
    expect(
      err(() => authenticateClientOrThrow({ client_id: "floorpulse", client_secret: "wrong" }, null, settings)),
    ).toBe("invalid_client");
    expect(
      err(() =>
        authenticateClientOrThrow({ client_id: "other", client_secret: "s3cret-s3cret-s3cret" }, null, settings),
      ),
    ).toBe("invalid_client");
    expect(
      err(() =>
        authenticateClientOrThrow(
          { client_secret: "s3cret-s3cret-s3cret" },
          basic("floorpulse", "s3cret-s3cret-s3cret"),
          settings,
        ),
      ),
    ).toBe("invalid_request");
  });
});

describe("our access tokens", () => {
  const key = new Uint8Array(32).fill(7);
  const claims = {
    userId: "u1",
    email: "admin@example.com",
    partnerTenantId: "P1",
    region: "https://partners.dnaspaces.io",
    clientId: "floorpulse",
    issuer: "https://floorpulse.example",
  };

  it("are short-lived JWTs that verify only with our key, audience and issuer", async () => {
    const now = Date.UTC(2026, 0, 1);
    const token = await signAccessToken(key, { ...claims, now });
    const check = { clientId: "floorpulse", issuer: "https://floorpulse.example" };
    expect(await verifyAccessToken(key, token, { ...check, now: now + 60_000 })).toEqual({
      userId: "u1",
      email: "admin@example.com",
      partnerTenantId: "P1",
      region: claims.region,
    });
    expect(await verifyAccessToken(key, token, { ...check, now: now + 301_000 })).toBeNull();
    expect(await verifyAccessToken(new Uint8Array(32).fill(8), token, { ...check, now })).toBeNull();
    expect(await verifyAccessToken(key, token, { ...check, clientId: "other", now })).toBeNull();
  });
});

describe("regions", () => {
  it("maps a redirect URI to its region's partner API host", () => {
    const allowed = [...SPACES_REGIONS];
    expect(regionBaseForRedirect("https://dnaspaces.io/partner/OAuthValidation", allowed, "x")).toBe(
      "https://partners.dnaspaces.io",
    );
    expect(regionBaseForRedirect("https://partners.dnaspaces.eu/partner/OAuthValidation", allowed, "x")).toBe(
      "https://partners.dnaspaces.eu",
    );
    expect(regionBaseForRedirect("http://127.0.0.1:4000/partner/OAuthValidation", ["http://127.0.0.1:4000"], "x")).toBe(
      "http://127.0.0.1:4000",
    );
    expect(regionOf("https://partners.dnaspaces.io")).toBe(regionOf("https://partners.ciscospaces.io"));
    expect(regionOf("https://partners.dnaspaces.eu")).not.toBe(regionOf("https://partners.dnaspaces.io"));
  });
});

describe("Cisco's activation answers in plain words", () => {
  const base = "https://partners.dnaspaces.io";
  it("maps each documented refusal to its code", () => {
    expect(activationFailure(new SpacesError("Activation Token Invalid", 400), base).code).toBe("TOKEN_INVALID");
    expect(activationFailure(new SpacesError("Activation Token Expired.", 400), base).code).toBe("TOKEN_EXPIRED");
    const reused = activationFailure(
      new SpacesError("The on premise application (app-1) is deactivated due to reactivation is processed.", 409),
      base,
    );
    expect(reused.code).toBe("TOKEN_REUSED");
    expect(reused.message).toMatch(/deactivated the app/);
    expect(
      activationFailure(
        new SpacesError("Failed to activated the on premise application due to not able to find appId : app-1", 404),
        base,
      ).code,
    ).toBe("REGION_MISMATCH");
    expect(activationFailure(new SpacesError("boom", 503), base).code).toBe("SPACES_UNREACHABLE");
    expect(activationFailure(new TypeError("fetch failed"), base).code).toBe("SPACES_UNREACHABLE");
  });
});
