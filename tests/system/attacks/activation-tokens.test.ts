import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { keyFilePath } from "@/lib/crypto/data-key";
import { createDb, type Db } from "@/lib/store/db";
import { expectHealthy } from "../../helpers/hostile";
import { configHome, freePort, type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { browserFrom, launch, mintActivation, mintLaunch, signIn, type Browser } from "../../helpers/auth-http";
import { decodePayload, forgeRs256, rsaKeyPair } from "../../helpers/forge-jwt";
import { startFakeSpaces, type FakeSpaces } from "../../helpers/fake-spaces";
import { adminAccount } from "../../helpers/app-env";

// The activation-token wizard's API against the real server and simulator: each outcome with its code,
// the API key sealed at rest, kiosk links, and tenant isolation for admins.

const ADMIN = { email: "admin@acme.example", password: "correct horse battery" };
type ApiError = { error: { code: string; message: string } };

describe("single-tenant and on-prem activation", () => {
  let app: AppServer;
  let sim: string;
  let alias: string;
  let closed: string;
  let rogue: FakeSpaces;
  let admin: Browser;
  let db: Db;
  const attacker = rsaKeyPair();

  beforeAll(async () => {
    const simPort = await freePort();
    closed = `http://127.0.0.1:${await freePort()}`;
    rogue = await startFakeSpaces(new Map([["v1", attacker.publicKey]]));
    sim = `http://127.0.0.1:${simPort}`;
    // The simulator under a second name: Cisco then answers as another region would.
    alias = `http://localhost:${simPort}`;
    app = await bootApp({
      DEMO_MODE: "off",
      SIMULATOR_PORT: String(simPort),
      SPACES_ALLOWED_BASE_URLS: `${alias},${closed}`,
      ...adminAccount(ADMIN),
      RATE_LIMIT_SETUP_PER_MINUTE: "1000",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    });
    admin = await signIn(app, ADMIN.email, ADMIN.password);
    db = createDb(`file:${join(app.dir, "floorpulse.db")}`);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
    await rogue?.close();
  });

  const activate = (body: Record<string, unknown>, who: Browser | null = admin, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/setup/activate`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(who ? { Cookie: who.cookie, "X-CSRF-Token": who.csrf } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const refusal = async (res: Response) => ({ status: res.status, ...((await res.json()) as ApiError).error });
  /** What the signed-in admin is told when activating single-tenant with `token`. */
  const refusalOf = async (token: string) => refusal(await activate({ activationToken: token, kind: "single-tenant" }));
  /** A token of the simulator's, with `change` made to its claims and signed with the attacker's key. */
  const forged = async (change: Record<string, unknown>) =>
    forgeRs256({ ...decodePayload(await mintActivation(sim)), ...change }, attacker.privateKey);

  it("needs a signed-in admin, with the CSRF token", async () => {
    expect(
      await refusal(await activate({ activationToken: await mintActivation(sim), kind: "single-tenant" }, null)),
    ).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(
      await refusal(
        await activate(
          { activationToken: await mintActivation(sim), kind: "single-tenant" },
          { ...admin, csrf: "forged" },
        ),
      ),
    ).toMatchObject({ status: 403, code: "CSRF_FAILED" });
    const viewer = browserFrom(await launch(app, { token: await mintLaunch(sim, { userId: "viewer@acme.example" }) }));
    expect(
      await refusal(await activate({ activationToken: await mintActivation(sim), kind: "single-tenant" }, viewer)),
    ).toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("activates with a valid token, links the admin and keeps the API key sealed", async () => {
    const token = await mintActivation(sim);
    const res = await activate({
      activationToken: token,
      kind: "single-tenant",
      appLaunchUrl: "https://floorpulse.acme.example/auth/appLogin",
    });
    expect(res.status).toBe(201);
    const { activation } = (await res.json()) as { activation: Record<string, unknown> };
    expect(activation).toMatchObject({
      kind: "single-tenant",
      status: "active",
      baseUrl: sim,
      tenantName: "Floorpulse Demo",
    });
    expect(JSON.stringify(activation)).not.toMatch(/apiKey/i);

    const row = await db.activation.findUniqueOrThrow({ where: { id: String(activation.id) } });
    expect(row.activationRefId).toBe(decodePayload(token).activationRefId);
    expect(row.apiKey).toMatch(/^enc:v1:/);
    // The key that seals it is owner-only and not in the database's folder (a copy of that folder carries none).
    expect(statSync(keyFilePath({ XDG_CONFIG_HOME: configHome() })).mode & 0o777).toBe(0o600);
    expect(existsSync(join(app.dir, "floorpulse.key"))).toBe(false);
    const user = await db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    expect(user.tenantId).toBe(row.tenantId);
  });

  it("activates on-prem with an instance name", async () => {
    const res = await activate({
      activationToken: await mintActivation(sim),
      kind: "on-prem",
      instanceName: "HQ London",
    });
    expect(res.status).toBe(201);
  });

  it("TOKEN_REUSED: refuses a token it already spent without sending it to Cisco again", async () => {
    const token = await mintActivation(sim);
    expect((await activate({ activationToken: token, kind: "single-tenant" })).status).toBe(201);
    expect(await refusalOf(token)).toMatchObject({
      status: 409,
      code: "TOKEN_REUSED",
      message: expect.stringMatching(/already used.*Cisco deactivate the app/),
    });
  });

  it("TOKEN_REUSED: says Cisco deactivated the app when the token was used elsewhere", async () => {
    const token = await mintActivation(sim);
    const p = decodePayload(token);
    await fetch(`${sim}/client/v1/partner/activateSingleTenantCloudApp`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ appId: p.appId, activationRefId: p.activationRefId }),
    });
    expect(await refusalOf(token)).toMatchObject({
      status: 409,
      code: "TOKEN_REUSED",
      message: expect.stringMatching(/Cisco Spaces has now deactivated the app/),
    });
  });

  it("TOKEN_EXPIRED", async () => {
    expect(
      await refusal(
        await activate({ activationToken: await mintActivation(sim, { ttlSeconds: -120 }), kind: "single-tenant" }),
      ),
    ).toMatchObject({
      status: 400,
      code: "TOKEN_EXPIRED",
      message: expect.stringMatching(/expired/),
    });
  });

  it("TOKEN_INVALID: not a token, or not signed by Cisco", async () => {
    expect(
      await refusal(await activate({ activationToken: "this-is-not-an-activation-token", kind: "single-tenant" })),
    ).toMatchObject({ status: 400, code: "TOKEN_INVALID" });
    expect(await refusalOf(await forged({ activationRefId: "FORGED-1" }))).toMatchObject({
      status: 400,
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/signature/),
    });
  });

  it("BASE_URL_NOT_ALLOWED: a token pointing elsewhere causes no request there", async () => {
    const token = await mintActivation(sim, { baseUrl: rogue.url });
    expect(await refusalOf(token)).toMatchObject({
      status: 400,
      code: "BASE_URL_NOT_ALLOWED",
    });
    expect(rogue.hits).toEqual([]);
  });

  it("REGION_MISMATCH: Cisco at the token's base URL does not know the app", async () => {
    expect(
      await refusal(
        await activate({ activationToken: await mintActivation(sim, { baseUrl: alias }), kind: "single-tenant" }),
      ),
    ).toMatchObject({
      status: 400,
      code: "REGION_MISMATCH",
      message: expect.stringMatching(/another Cisco Spaces region/),
    });
  });

  it("SPACES_UNREACHABLE: nothing answers at an allowed base URL", async () => {
    const token = await forged({ baseUrl: closed });
    expect(await refusalOf(token)).toMatchObject({
      status: 424,
      code: "SPACES_UNREACHABLE",
    });
  });

  it("TENANT_MISMATCH: an admin cannot spend another organisation's token", async () => {
    const token = await forged({ partnerTenantId: "SOMEONE-ELSE" });
    expect(await refusalOf(token)).toMatchObject({
      status: 403,
      code: "TENANT_MISMATCH",
    });
  });

  it("VALIDATION: an App Launch URL must be https", async () => {
    expect(
      await refusal(
        await activate({
          activationToken: await mintActivation(sim),
          kind: "single-tenant",
          appLaunchUrl: "http://floorpulse.acme.example/auth/appLogin",
        }),
      ),
    ).toMatchObject({
      status: 400,
      code: "VALIDATION",
      message: expect.stringMatching(/https/),
    });
    expect(await refusal(await activate({ activationToken: await mintActivation(sim), kind: "multi" }))).toMatchObject({
      status: 400,
      code: "VALIDATION",
    });
  });

  describe("kiosk links and tenant isolation", () => {
    let floorId: string;
    let otherAdmin: Browser;

    beforeAll(async () => {
      const tenant = (await db.user.findUniqueOrThrow({ where: { email: ADMIN.email } })).tenantId!;
      floorId = (await db.location.findFirstOrThrow({ where: { tenantId: tenant, type: "FLOOR" } })).id;
      const other = await db.tenant.create({ data: { partnerTenantId: "OTHER-TENANT", name: "Other Corp" } });
      await db.user.create({
        data: {
          email: "admin@other.example",
          role: "admin",
          tenantId: other.id,
          passwordHash: await hashPassword("other admin pw 1"),
        },
      });
      otherAdmin = await signIn(app, "admin@other.example", "other admin pw 1");
    });

    const send = (method: string, path: string, who: Browser, body?: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { "Content-Type": "application/json", Cookie: who.cookie, "X-CSRF-Token": who.csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it("an admin creates a kiosk link shown once, lists it without the token, and revokes it", async () => {
      const res = await send("POST", "/api/kiosk-tokens", admin, { locationId: floorId, label: "Lobby" });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { token: string; url: string; kiosk: { id: string } };
      expect(created.url).toBe(`${app.url}/kiosk/${created.token}`);
      const stored = await db.kioskToken.findUniqueOrThrow({ where: { id: created.kiosk.id } });
      expect(stored.tokenHash).not.toContain(created.token.slice(4));
      const list = await (await send("GET", "/api/kiosk-tokens", admin)).text();
      expect(list).toContain("Lobby");
      expect(list).not.toContain(created.token);
      expect((await send("DELETE", `/api/kiosk-tokens/${created.kiosk.id}`, admin)).status).toBe(204);
      expect((await db.kioskToken.findUniqueOrThrow({ where: { id: created.kiosk.id } })).revokedAt).not.toBeNull();
    });

    it("another tenant's admin sees neither its locations nor its kiosk links", async () => {
      expect(
        await refusal(await send("POST", "/api/kiosk-tokens", otherAdmin, { locationId: floorId, label: "Spy" })),
      ).toMatchObject({ status: 404, code: "NOT_FOUND" });
      expect((await send("PUT", `/api/locations/${floorId}`, otherAdmin, { capacity: 1 })).status).toBe(404);
      const mine = (await (
        await send("POST", "/api/kiosk-tokens", admin, { locationId: floorId, label: "Mine" })
      ).json()) as { kiosk: { id: string } };
      expect((await send("DELETE", `/api/kiosk-tokens/${mine.kiosk.id}`, otherAdmin)).status).toBe(404);
      expect(await (await send("GET", "/api/kiosk-tokens", otherAdmin)).json()).toEqual({ kiosks: [] });
      const page = await (
        await fetch(`${app.url}/locations/${floorId}`, { headers: { Cookie: otherAdmin.cookie } })
      ).text();
      expect(page).toContain("Not found");
    });
  });

  it("still answers its health check and pages after every attempt above", async () => {
    await expectHealthy(app);
  });
});
