import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthContext, type AuthContext } from "@/lib/auth/context";
import { createKioskToken, revokeKioskToken } from "@/lib/auth/kiosk-tokens";
import { createSession } from "@/lib/auth/sessions";
import { authenticateSocketWith, socketCanWatch, type SocketHandshake } from "@/lib/auth/socket";
import { loadConfigOrThrow } from "@/lib/config";
import { createLogger } from "@/lib/log";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";
import { ROOT } from "../helpers/app-server";

// What a Socket.IO connection may see: the session cookie's tenant, a kiosk's subtree, or the demo
// tenant for a visitor on this machine; another tenant's location is never watchable.

const SIM = "http://127.0.0.1:4999";

describe("socket authentication and watch rights", () => {
  let dir: string;
  let db: Db;
  let ctx: AuthContext;
  let off: AuthContext;
  const ids = { acme: "", other: "", building: "", floor1: "", floor2: "", otherFloor: "" };
  let acmeCookie = "";
  let kioskToken = "";

  const hs = (o: Partial<SocketHandshake> & { headers?: Record<string, string> } = {}): SocketHandshake => ({
    headers: { host: "127.0.0.1:3000", ...o.headers },
    auth: o.auth ?? {},
    address: o.address ?? "127.0.0.1",
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "floorpulse-socket-"));
    const url = `file:${join(dir, "t.db")}`;
    await applyMigrations(ROOT, url);
    db = createDb(url);
    const log = createLogger("silent");
    const config = loadConfigOrThrow({ DATABASE_URL: url });
    ctx = await createAuthContext({
      config,
      db,
      log,
      publicUrl: "http://127.0.0.1:3000",
      simulator: { url: SIM, appId: null },
    });
    off = await createAuthContext({
      config: loadConfigOrThrow({ DATABASE_URL: url, DEMO_MODE: "off" }),
      db,
      log,
      publicUrl: "http://127.0.0.1:3000",
      simulator: { url: SIM, appId: null },
    });

    const acme = await db.tenant.create({ data: { partnerTenantId: "ACME", name: "Acme" } });
    const other = await db.tenant.create({ data: { partnerTenantId: "OTHER", name: "Other" } });
    ids.acme = acme.id;
    ids.other = other.id;
    await db.activation.create({
      data: {
        tenantId: acme.id,
        kind: "single-tenant",
        appId: "app-1",
        activationRefId: "R1",
        baseUrl: SIM,
        apiKey: "",
      },
    });
    const loc = (id: string, tenantId: string, parentId: string | null, type: string) =>
      db.location.create({ data: { id, tenantId, parentId, name: id, type } });
    await loc("loc-building", acme.id, null, "BUILDING");
    await loc("loc-floor-1", acme.id, "loc-building", "FLOOR");
    await loc("loc-floor-2", acme.id, "loc-building", "FLOOR");
    await loc("loc-zone-1a", acme.id, "loc-floor-1", "ZONE");
    await loc("loc-other-floor", other.id, null, "FLOOR");

    const user = await db.user.create({ data: { email: "viewer@acme.example", role: "viewer", tenantId: acme.id } });
    const s = await createSession(db, { userId: user.id, tenantId: acme.id, ttlMs: 3_600_000, now: Date.now() });
    acmeCookie = `fp_session=${s.token}; fp_csrf=${s.csrfToken}`;
    kioskToken = (await createKioskToken(db, { tenantId: acme.id, locationId: "loc-floor-1", label: "Lobby" })).token;
  });
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a session cookie connects as that user's tenant and role", async () => {
    expect(await authenticateSocketWith(hs({ headers: { cookie: acmeCookie }, address: "10.0.0.7" }), off, db)).toEqual(
      { tenantId: ids.acme, role: "viewer", scopeLocationId: null, sessionId: expect.any(String) },
    );
  });

  it("a kiosk token in auth.token connects read-only to its subtree, until it is revoked", async () => {
    const p = await authenticateSocketWith(hs({ auth: { token: kioskToken }, address: "10.0.0.8" }), off, db);
    expect(p).toEqual({
      tenantId: ids.acme,
      role: "kiosk",
      scopeLocationId: "loc-floor-1",
      kioskId: expect.any(String),
    });
    // A display that names its link is that link, even in a browser with a session: revoking must end it.
    expect(
      await authenticateSocketWith(hs({ headers: { cookie: acmeCookie }, auth: { token: kioskToken } }), off, db),
    ).toMatchObject({ role: "kiosk", scopeLocationId: "loc-floor-1" });
    expect(await socketCanWatch(db, p!, "loc-floor-1")).toBe(true);
    expect(await socketCanWatch(db, p!, "loc-zone-1a")).toBe(true);
    expect(await socketCanWatch(db, p!, "loc-floor-2")).toBe(false);
    expect(await socketCanWatch(db, p!, "loc-building")).toBe(false);
    const kiosk = await db.kioskToken.findFirstOrThrow({ where: { label: "Lobby" } });
    await revokeKioskToken(db, { id: kiosk.id, tenantId: ids.acme });
    expect(await authenticateSocketWith(hs({ auth: { token: kioskToken } }), off, db)).toBeNull();
    expect(
      await authenticateSocketWith(hs({ headers: { cookie: acmeCookie }, auth: { token: kioskToken } }), off, db),
    ).toBeNull();
  });

  it("nobody joins another tenant's location, whatever they ask for", async () => {
    const p = (await authenticateSocketWith(hs({ headers: { cookie: acmeCookie } }), off, db))!;
    expect(await socketCanWatch(db, p, "loc-floor-2")).toBe(true);
    expect(await socketCanWatch(db, p, "loc-other-floor")).toBe(false);
    expect(await socketCanWatch(db, p, "loc-nowhere")).toBe(false);
    expect(await socketCanWatch(db, { tenantId: ids.other, role: "admin", scopeLocationId: null }, "loc-floor-1")).toBe(
      false,
    );
  });

  it("the demo visitor on this machine connects as the simulator tenant's admin; other sites and machines do not", async () => {
    expect(await authenticateSocketWith(hs(), ctx, db)).toEqual({
      tenantId: ids.acme,
      role: "admin",
      scopeLocationId: null,
    });
    expect(await authenticateSocketWith(hs({ headers: { origin: "http://127.0.0.1:3000" } }), ctx, db)).not.toBeNull();
    expect(await authenticateSocketWith(hs({ headers: { origin: "https://attacker.example" } }), ctx, db)).toBeNull();
    expect(await authenticateSocketWith(hs({ address: "192.168.1.9" }), ctx, db)).toBeNull();
    expect(
      await authenticateSocketWith(hs({ headers: { host: "rebound.attacker.example:3000" } }), ctx, db),
    ).toBeNull();
    expect(await authenticateSocketWith(hs(), off, db)).toBeNull();
  });

  it("rejects unknown, malformed and expired credentials", async () => {
    expect(
      await authenticateSocketWith(hs({ headers: { cookie: "fp_session=forged" }, address: "10.0.0.9" }), ctx, db),
    ).toBeNull();
    expect(await authenticateSocketWith(hs({ auth: { token: "fpk_guess" }, address: "10.0.0.9" }), ctx, db)).toBeNull();
    expect(await authenticateSocketWith(hs({ auth: { token: 42 }, address: "10.0.0.9" }), ctx, db)).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { email: "viewer@acme.example" } });
    const old = await createSession(db, { userId: user.id, tenantId: ids.acme, ttlMs: 1000, now: Date.now() - 10_000 });
    expect(
      await authenticateSocketWith(
        hs({ headers: { cookie: `fp_session=${old.token}` }, address: "10.0.0.9" }),
        ctx,
        db,
      ),
    ).toBeNull();
  });
});
