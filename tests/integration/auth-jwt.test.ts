import type { KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { activateWithToken } from "@/lib/activation/activate";
import { AppError } from "@/lib/errors";
import { verifyLaunchOrThrow, type LaunchDeps } from "@/lib/auth/launch";
import { createKeyCache } from "@/lib/auth/public-keys";
import type { Db } from "@/lib/store/db";
import { createTempSqliteDatabase, useTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";
import { forgeHs256, forgeRs256, forgeUnsigned, rsaKeyPair, tamper } from "../helpers/forge-jwt";
import { startFakeSpaces, type FakeSpaces } from "../helpers/fake-spaces";

// Launch and activation tokens against a real SQLite database and real HTTP "Cisco" hosts that
// count every request, so "no outbound request" is something we can see.

const APP = "app-FLOORPULSE0000000000000000000001";
const log = createLogger("silent");

describe("Cisco Spaces token verification", () => {
  let sqlite: TempSqliteDatabase | undefined;
  let db: Db;
  let cisco: FakeSpaces;
  let rogue: FakeSpaces;
  let now = Date.now();
  const v1 = rsaKeyPair();
  const attacker = rsaKeyPair();

  const claims = (over: Record<string, unknown> = {}) => {
    const iat = Math.floor(now / 1000);
    return {
      version: "v1",
      appId: APP,
      tenantId: 1001,
      partnerTenantId: "PT-1",
      userId: "alice@example.com",
      iat,
      exp: iat + 120,
      ...over,
    };
  };
  const deps = (over: Partial<LaunchDeps> = {}): LaunchDeps => ({
    db,
    keys: createKeyCache({ now: () => now }),
    now: () => now,
    allowedBaseUrls: [cisco.url],
    appId: APP,
    ...over,
  });
  /** Verifies a launch token of these claims, signed with `key`. */
  const launchSigned = (over: Record<string, unknown>, key: KeyObject, o: Partial<LaunchDeps> = {}) =>
    verifyLaunchOrThrow({ token: forgeRs256(claims(over), key) }, deps(o));
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error("expected a refusal");
  };

  beforeAll(async () => {
    sqlite = await createTempSqliteDatabase();
    db = sqlite.db;
    cisco = await startFakeSpaces(new Map([["v1", v1.publicKey]]));
    rogue = await startFakeSpaces(new Map([["v1", attacker.publicKey]]));
    // Two customers of the app: Acme in Cisco's region, and one whose activation points at the rogue host.
    for (const [partnerTenantId, name, activationRefId, baseUrl] of [
      ["PT-1", "Acme", "REF-1", cisco.url],
      ["PT-ROGUE", "Rogue", "REF-2", rogue.url],
    ] as const) {
      const tenant = await db.tenant.create({ data: { partnerTenantId, name } });
      await db.activation.create({
        data: {
          tenantId: tenant.id,
          kind: "single-tenant",
          appId: APP,
          activationRefId,
          baseUrl,
          apiKey: "",
        },
      });
    }
  });
  afterAll(async () => {
    await sqlite?.drop();
    await cisco?.close();
    await rogue?.close();
  });

  it("accepts a launch signed with Cisco's key, once", async () => {
    const token = forgeRs256(claims(), v1.privateKey);
    const ok = await verifyLaunchOrThrow({ token, version: "v1", appId: APP }, deps());
    expect(ok.tenant.partnerTenantId).toBe("PT-1");
    expect(ok.claims.userId).toBe("alice@example.com");
    expect(await refusal(verifyLaunchOrThrow({ token }, deps()))).toMatchObject({
      code: "TOKEN_REUSED",
      message: expect.stringMatching(/already used/),
    });
  });

  it("tolerates a minute of clock skew and no more", async () => {
    const t = Math.floor(now / 1000);
    await launchSigned({ iat: t - 150, exp: t - 30 }, v1.privateKey);
    await launchSigned({ iat: t + 30, exp: t + 150 }, v1.privateKey);
    expect(await refusal(launchSigned({ iat: t - 200, exp: t - 90 }, v1.privateKey))).toMatchObject({
      code: "TOKEN_EXPIRED",
      message: expect.stringMatching(/expired/),
    });
    expect(await refusal(launchSigned({ iat: t + 300, exp: t + 420 }, v1.privateKey))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/issued in the future/),
    });
  });

  it("refuses alg none, HS256 keyed with the public key, and a tampered payload", async () => {
    expect(await refusal(verifyLaunchOrThrow({ token: forgeUnsigned(claims()) }, deps()))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/unsigned \(alg none\)/),
    });
    const pem = v1.publicKey.export({ type: "spki", format: "pem" });
    expect(await refusal(verifyLaunchOrThrow({ token: forgeHs256(claims(), pem) }, deps()))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/signed with HS256.*only RS256/),
    });
    const genuine = forgeRs256(claims({ userId: "viewer@example.com" }), v1.privateKey);
    const promoted = tamper(genuine, (p) => (p.userId = "admin@example.com"));
    expect(await refusal(verifyLaunchOrThrow({ token: promoted }, deps()))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/signature does not match/),
    });
    // The genuine one is still unused: the tampered attempt did not spend it.
    await verifyLaunchOrThrow({ token: genuine }, deps());
  });

  it("refuses a token signed with any other key, and a wrong appId", async () => {
    expect(await refusal(launchSigned({}, attacker.privateKey))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/not issued by Cisco Spaces/),
    });
    expect(await refusal(launchSigned({ appId: "app-SOMEONE-ELSE" }, v1.privateKey))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/another app \(app-SOMEONE-ELSE\)/),
    });
    expect(
      await refusal(
        verifyLaunchOrThrow({ token: forgeRs256(claims(), v1.privateKey), appId: "app-SOMEONE-ELSE" }, deps()),
      ),
    ).toMatchObject({ message: expect.stringMatching(/form's appId/) });
  });

  it("refuses a tenant that never activated Floorpulse", async () => {
    expect(await refusal(launchSigned({ partnerTenantId: "PT-NOBODY" }, v1.privateKey))).toMatchObject({
      code: "NOT_ACTIVATED",
      message: expect.stringMatching(/not activated for this Cisco Spaces account/),
    });
  });

  it("fetches an unknown key version once, remembers that Cisco lacks it, and never asks a host off the allowlist", async () => {
    const keys = createKeyCache({ now: () => now });
    const before = cisco.hits.length;
    const v9 = forgeRs256(claims({ version: "v9" }), attacker.privateKey, {});
    expect(await refusal(verifyLaunchOrThrow({ token: v9 }, deps({ keys })))).toMatchObject({
      code: "TOKEN_INVALID",
      message: expect.stringMatching(/no public key version "v9"/),
    });
    expect(
      await refusal(launchSigned({ version: "v9", userId: "b@example.com" }, attacker.privateKey, { keys })),
    ).toMatchObject({ code: "TOKEN_INVALID" });
    expect(cisco.hits.slice(before)).toEqual(["/client/v1/partner/partnerPublicKey/v9"]);

    // The launch token names no host; a baseUrl claim in it is ignored, and a tenant whose region is off the allowlist is refused before any request.
    await launchSigned({ baseUrl: rogue.url, userId: "c@example.com" }, v1.privateKey, { keys });
    expect(await refusal(launchSigned({ partnerTenantId: "PT-ROGUE" }, attacker.privateKey, { keys }))).toMatchObject({
      code: "BASE_URL_NOT_ALLOWED",
    });
    expect(rogue.hits).toEqual([]);
  });

  it("follows a key rotation: a stale cached key is refetched once", async () => {
    const keys = createKeyCache({ now: () => now, minRefetchMs: 60_000 });
    await launchSigned({ userId: "d@example.com" }, v1.privateKey, { keys });
    const rotated = rsaKeyPair();
    cisco.keys.set("v1", rotated.publicKey);
    try {
      now += 120_000;
      const before = cisco.hits.length;
      await launchSigned({ userId: "e@example.com" }, rotated.privateKey, { keys });
      expect(cisco.hits.length - before).toBe(1);
      // A forgery right after does not make us ask Cisco again.
      expect(await refusal(launchSigned({ userId: "f@example.com" }, attacker.privateKey, { keys }))).toMatchObject({
        code: "TOKEN_INVALID",
      });
      expect(cisco.hits.length - before).toBe(1);
    } finally {
      cisco.keys.set("v1", v1.publicKey);
    }
  });

  it("says so when Cisco cannot be reached", async () => {
    const gone = await startFakeSpaces();
    await gone.close();
    const t = await db.tenant.create({ data: { partnerTenantId: "PT-GONE", name: "Gone" } });
    await db.activation.create({
      data: {
        tenantId: t.id,
        kind: "single-tenant",
        appId: APP,
        activationRefId: "REF-GONE",
        baseUrl: gone.url,
        apiKey: "",
      },
    });
    expect(
      await refusal(
        launchSigned({ partnerTenantId: "PT-GONE" }, v1.privateKey, { allowedBaseUrls: [cisco.url, gone.url] }),
      ),
    ).toMatchObject({
      code: "SPACES_UNREACHABLE",
    });
  });

  it("refuses an activation token whose baseUrl is off the allowlist without contacting it", async () => {
    const iat = Math.floor(now / 1000);
    const token = forgeRs256(
      {
        appId: APP,
        version: "v1",
        activationRefId: "REF-X",
        customer: "Rogue",
        tenantId: 1,
        baseUrl: rogue.url,
        partnerTenantId: "PT-X",
        iat,
        exp: iat + 300,
      },
      attacker.privateKey,
    );
    const hitsBefore = rogue.hits.length;
    expect(
      await refusal(
        activateWithToken({
          token,
          kind: "single-tenant",
          allowedBaseUrls: [cisco.url],
          db,
          log,
          now: () => now,
          dataKey: Buffer.alloc(32, 3),
        }),
      ),
    ).toMatchObject({
      code: "BASE_URL_NOT_ALLOWED",
      message: expect.stringMatching(/not a Cisco Spaces region Floorpulse talks to/),
    });
    expect(rogue.hits.length).toBe(hitsBefore);
    expect(await db.activation.count({ where: { activationRefId: "REF-X" } })).toBe(0);
  });
});

describe("an install's own API key (SPACES_API_KEY and SPACES_BASE_URL)", () => {
  const sqlite = useTempSqliteDatabase();

  it("is kept once, sealed, and reused on the next start; a base URL off the allowlist is refused", async () => {
    const { db } = sqlite;
    const { ensureApiKeyActivation } = await import("@/lib/activation/api-key");
    const dataKey = Buffer.alloc(32, 3);
    const o = {
      apiKey: "customer-api-key-0123456789",
      baseUrl: "https://partners.dnaspaces.eu/",
      allowedBaseUrls: ["https://partners.dnaspaces.eu"],
      dataKey,
    };
    const first = await ensureApiKeyActivation(db, o);
    expect(first).toMatchObject({ apiKey: o.apiKey, baseUrl: "https://partners.dnaspaces.eu" });
    expect((await ensureApiKeyActivation(db, o)).id).toBe(first.id);
    const row = await db.activation.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.apiKey).not.toContain(o.apiKey);
    expect(row.activationRefId).not.toContain(o.apiKey);
    await expect(
      ensureApiKeyActivation(db, { ...o, baseUrl: "https://spaces.attacker.example" }),
    ).rejects.toMatchObject({ code: "BASE_URL_NOT_ALLOWED" });
  });
});

describe("OAuth authorization codes", () => {
  const sqlite = useTempSqliteDatabase();

  it("expire after a minute, are stored only as hashes, and are spent by any presentation", async () => {
    const { db } = sqlite;
    const { issueCode, redeemCodeOrThrow } = await import("@/lib/auth/oauth");
    const req = {
      clientId: "floorpulse",
      redirectUri: "https://partners.dnaspaces.io/partner/OAuthValidation",
      state: "S",
      userId: "u1",
      partnerTenantId: "P1",
    };
    const t0 = Date.UTC(2026, 0, 1);
    const late = await issueCode(db, { ...req, now: t0 });
    expect(await db.oAuthCode.count({ where: { codeHash: late } })).toBe(0);
    await expect(
      redeemCodeOrThrow(db, { code: late, clientId: req.clientId, redirectUri: req.redirectUri, now: t0 + 61_000 }),
    ).rejects.toMatchObject({ error: "invalid_grant", description: expect.stringMatching(/expired/) });

    const code = await issueCode(db, { ...req, now: t0 });
    expect(
      await redeemCodeOrThrow(db, { code, clientId: req.clientId, redirectUri: req.redirectUri, now: t0 + 59_000 }),
    ).toMatchObject({ userId: "u1", partnerTenantId: "P1" });

    const stolen = await issueCode(db, { ...req, now: t0 });
    await expect(
      redeemCodeOrThrow(db, { code: stolen, clientId: "other-client", redirectUri: req.redirectUri, now: t0 }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(
      redeemCodeOrThrow(db, { code: stolen, clientId: req.clientId, redirectUri: req.redirectUri, now: t0 }),
    ).rejects.toMatchObject({ description: expect.stringMatching(/already used/) });
  });
});
