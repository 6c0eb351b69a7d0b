import { join } from "node:path";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/store/db";
import { expectHealthy } from "../../helpers/hostile";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";

// Multi-tenant activation: Cisco Spaces is the OAuth client and we are the server. An independent
// client library (oauth4webapi) runs the whole code flow; the browser step is the sign-in form post.

const SECRET = "c567560ad2e84795a8f16c32586e1f69b78cab02";
const ADMIN = { email: "owner@acme.example", password: "correct horse battery" };
const REDIRECT = "https://partners.dnaspaces.io/partner/OAuthValidation";

describe("OAuth 2.0 endpoints for Cisco Spaces", () => {
  let app: AppServer;
  let as: oauth.AuthorizationServer;
  const client: oauth.Client = { client_id: "floorpulse" };
  const insecure = { [oauth.allowInsecureRequests]: true };

  beforeAll(async () => {
    app = await bootApp({
      DEMO_MODE: "off",
      OAUTH_CLIENT_ID: "floorpulse",
      OAUTH_CLIENT_SECRET: SECRET,
      SUPPORT_EMAIL: "support@floorpulse.example",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    });
    as = { issuer: app.url, authorization_endpoint: `${app.url}/auth/login`, token_endpoint: `${app.url}/auth/token` };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const authorizeUrl = (q: Record<string, string> = {}) => {
    const u = new URL(as.authorization_endpoint!);
    for (const [k, v] of Object.entries({
      client_id: "floorpulse",
      redirect_uri: REDIRECT,
      response_type: "code",
      state: oauth.generateRandomState(),
      ...q,
    }))
      u.searchParams.set(k, v);
    return u;
  };
  /** What the browser does on our login page: post the form with the query's OAuth fields. */
  const signInAt = (url: URL, creds = ADMIN) =>
    fetch(`${app.url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...creds }),
    });
  const freshCode = async (redirectUri = REDIRECT) => {
    const res = await signInAt(authorizeUrl({ redirect_uri: redirectUri, state: "S1" }));
    return new URL(res.headers.get("location")!).searchParams.get("code")!;
  };
  const token = (body: Record<string, string>, json = false) =>
    fetch(as.token_endpoint!, {
      method: "POST",
      headers: { "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded" },
      body: json ? JSON.stringify(body) : new URLSearchParams(body),
    });
  const good = (code: string) => ({
    grant_type: "authorization_code",
    code,
    client_id: "floorpulse",
    client_secret: SECRET,
    redirect_uri: REDIRECT,
    state: "S1",
  });

  it("runs the whole authorization code flow with an independent client, then answers app info", async () => {
    const state = oauth.generateRandomState();
    const url = authorizeUrl({ state });
    const login = await fetch(url);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Connect Cisco Spaces to Floorpulse");

    const back = await signInAt(url);
    expect(back.status).toBe(303);
    const location = new URL(back.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);

    const params = oauth.validateAuthResponse(as, client, location, state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(SECRET),
      params,
      REDIRECT,
      oauth.nopkce,
      insecure,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response);
    expect(result.token_type).toBe("bearer");
    expect(result.access_token.split(".")).toHaveLength(3);
    expect(result.expires_in).toBeLessThanOrEqual(300);
    const partnerTenantId = result.scope!;
    expect(partnerTenantId).toMatch(/^[0-9A-F]{32}$/);

    const info = await oauth.protectedResourceRequest(
      result.access_token,
      "GET",
      new URL(`${app.url}/appInfo?partnerTenantId=${partnerTenantId}`),
      undefined,
      undefined,
      insecure,
    );
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      partnerTenantId,
      userEmail: ADMIN.email,
      supportEmail: "support@floorpulse.example",
    });

    // The mapping between the Cisco tenant and our account is kept.
    const db = createDb(`file:${join(app.dir, "floorpulse.db")}`);
    try {
      const tenant = await db.tenant.findUnique({
        where: { partnerTenantId },
        include: { activations: true, users: true },
      });
      expect(tenant?.users.map((u) => u.email)).toEqual([ADMIN.email]);
      expect(tenant?.activations).toEqual([
        expect.objectContaining({ kind: "oauth", status: "active", baseUrl: "https://partners.dnaspaces.io" }),
      ]);
    } finally {
      await db.$disconnect();
    }
  });

  it("a code works once: the second exchange is invalid_grant", async () => {
    const code = await freshCode();
    expect((await token(good(code))).status).toBe(200);
    const again = await token(good(code));
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: "invalid_grant",
      error_description: "The authorization code was already used.",
    });
  });

  it("a code is bound to the redirect URI it was issued for", async () => {
    const code = await freshCode();
    const res = await token({ ...good(code), redirect_uri: "https://partners.dnaspaces.eu/partner/OAuthValidation" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/redirect_uri does not match/),
    });
  });

  it("accepts the JSON body of the guide's example", async () => {
    const res = await token(good(await freshCode()), true);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(await res.json()).toMatchObject({
      token_type: "Bearer",
      scope: expect.any(String),
      access_token: expect.any(String),
    });
  });

  it("refuses a wrong client secret, an unknown code and another grant type in OAuth's error form", async () => {
    const code = await freshCode();
    const wrong = await token({ ...good(code), client_secret: "guess" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    expect(await (await token(good("C8AB554D6F804B8EB6246D44D3DE4B46"))).json()).toMatchObject({
      error: "invalid_grant",
      error_description: "Unknown authorization code.",
    });
    expect(await (await token({ ...good(code), grant_type: "client_credentials" })).json()).toMatchObject({
      error: "unsupported_grant_type",
    });
    // The failed attempts with a wrong secret did not spend the code.
    expect((await token(good(code))).status).toBe(200);
  });

  it("never redirects to an address that is not Cisco's, on the page or on the form post", async () => {
    const evil = authorizeUrl({ redirect_uri: "https://attacker.example/partner/OAuthValidation" });
    const page = await fetch(evil, { redirect: "manual" });
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    expect(await page.text()).toContain("not a Cisco Spaces OAuthValidation address");
    const post = await signInAt(evil);
    expect(post.status).toBe(400);
    expect(post.headers.get("location")).toBeNull();
    expect(post.headers.getSetCookie()).toEqual([]);
    const wrongClient = await fetch(authorizeUrl({ client_id: "dnaspaces" }));
    expect(wrongClient.status).toBe(400);
    expect(await wrongClient.text()).toContain("Configuration mismatch");
  });

  it("a wrong password goes back to the login page with no code", async () => {
    const res = await signInAt(authorizeUrl({ state: "S2" }), { email: ADMIN.email, password: "not the password" });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get("location")!, app.url);
    expect(to.pathname).toBe("/auth/login");
    expect(to.searchParams.get("error")).toBe("credentials");
    expect(to.searchParams.get("code")).toBeNull();
    expect(await (await fetch(to)).text()).toContain("do not match a Floorpulse admin");
  });

  it("app info answers 401 without a valid token and 403 for another tenant", async () => {
    const res = await token(good(await freshCode()));
    const { access_token: accessToken, scope } = (await res.json()) as { access_token: string; scope: string };
    const info = (q: string, auth?: string) =>
      fetch(`${app.url}/appInfo?${q}`, { headers: auth ? { Authorization: auth } : {} });
    expect((await info(`partnerTenantId=${scope}`)).status).toBe(401);
    const bad = await info(`partnerTenantId=${scope}`, "Bearer not.a.token");
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const tampered = accessToken.replace(
      /\.([^.]+)\./,
      (_, p: string) =>
        `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), partnerTenantId: "OTHER" })).toString("base64url")}.`,
    );
    expect((await info("partnerTenantId=OTHER", `Bearer ${tampered}`)).status).toBe(401);
    const other = await info("partnerTenantId=SOMEONE-ELSE", `Bearer ${accessToken}`);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: "insufficient_scope" });
  });

  it("still answers its health check and pages after every attempt above", async () => {
    await expectHealthy(app);
  });
});
