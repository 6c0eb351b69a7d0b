import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocationView } from "@/lib/realtime/protocol";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { mintActivation, signIn, simulatorUrl, type Browser } from "../../helpers/auth-http";
import { startFakeSpaces, type FakeSpaces } from "../../helpers/fake-spaces";
import { apiError, expectHealthy, launchAs, socketAs, tenantLocations } from "../../helpers/hostile";

// What Floorpulse fetches, and from where. Every URL it calls is built from an allowlisted Cisco
// Spaces base URL (the activation token's baseUrl, checked before any request; the launch token names
// none, its tenant's stored activation decides) or from operator configuration (ALERT_WEBHOOK_URL);
// none comes from a request. Redirects are never followed. Then: two tenants in one server, each
// seeing nothing of the other over HTTP or sockets.

const ADMIN = { email: "second@tenants.example", password: "correct horse battery" };

describe("server-side request forgery and tenant isolation", () => {
  let app: AppServer;
  let sim: string;
  let rogue: FakeSpaces;
  let redirector: Server & { hits: string[]; url: string };
  let boss: Browser;

  beforeAll(async () => {
    rogue = await startFakeSpaces();
    // An allowlisted "Cisco" host that answers everything with a redirect to the rogue host.
    const hits: string[] = [];
    const srv = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(302, { Location: `${rogue.url}${req.url}` }).end();
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    redirector = Object.assign(srv, { hits, url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}` });
    app = await bootApp({
      DEMO_MODE: "off",
      SPACES_ALLOWED_BASE_URLS: redirector.url,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LAUNCH_ADMIN_EMAILS: "boss@tenants.example",
      RATE_LIMIT_SETUP_PER_MINUTE: "1000",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    });
    sim = simulatorUrl(app);
    boss = await launchAs(app, "boss@tenants.example");
  });
  afterAll(async () => {
    await app?.stop();
    await rogue?.close();
    await new Promise<void>((r) => (redirector ? redirector.close(() => r()) : r()));
  });

  const activate = (who: Browser, activationToken: string) =>
    fetch(`${app.url}/api/setup/activate`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: who.cookie, "X-CSRF-Token": who.csrf, Origin: app.url },
      body: JSON.stringify({ activationToken, kind: "single-tenant" }),
    });

  it("refuses activation tokens naming hosts off the allowlist (internal, metadata, userinfo tricks) without contacting them", async () => {
    const roguePort = new URL(rogue.url).port;
    const targets = [
      rogue.url,
      "http://169.254.169.254",
      "http://[::1]:" + roguePort,
      `http://127.0.0.1:${new URL(sim).port}@127.0.0.1:${roguePort}`,
      "http://localhost:" + roguePort,
      "file:///etc/passwd",
    ];
    for (const baseUrl of targets) {
      const res = await activate(boss, await mintActivation(sim, { baseUrl }));
      expect(await apiError(res), baseUrl).toMatchObject({
        status: 400,
        code: expect.stringMatching(/^(BASE_URL_NOT_ALLOWED|TOKEN_INVALID)$/),
      });
    }
    expect(rogue.hits).toEqual([]);
  });

  it("does not follow a redirect from an allowed Cisco host to another host", async () => {
    const res = await activate(boss, await mintActivation(sim, { baseUrl: redirector.url }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(redirector.hits.length).toBeGreaterThan(0); // the allowed host was asked…
    expect(rogue.hits).toEqual([]); // …and where it pointed was not
    await expectHealthy(app);
  });

  describe("two tenants in one server", () => {
    let mine: LocationView[];
    let theirs: LocationView[];
    let second: Browser;

    beforeAll(async () => {
      // The first admin had no organisation yet: activating the simulator's second tenant links them to it.
      second = await signIn(app, ADMIN.email, ADMIN.password);
      const res = await activate(second, await mintActivation(sim, { tenant: 1 }));
      expect(res.status).toBe(201);
      mine = await tenantLocations(app, boss);
      theirs = await tenantLocations(app, second);
    });

    const floorOf = (ls: LocationView[]) => ls.find((l) => l.type === "FLOOR" && l.mapId)!;

    it("each tenant sees only its own locations", () => {
      const ids = new Set(mine.map((l) => l.id));
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.filter((l) => ids.has(l.id))).toEqual([]);
    });

    it("a socket cannot watch another tenant's location or floor, whatever it asks for", async () => {
      const s = await socketAs(app, { cookie: boss.cookie });
      try {
        const foreign = floorOf(theirs).id;
        expect(await s.timeout(10_000).emitWithAck("location:watch", foreign)).toHaveProperty("error");
        expect(await s.timeout(10_000).emitWithAck("floor:watch", foreign)).toHaveProperty("error");
        expect(await s.timeout(10_000).emitWithAck("location:watch", "location-does-not-exist")).toHaveProperty(
          "error",
        );
        expect(await s.timeout(10_000).emitWithAck("floor:watch", floorOf(mine).id)).not.toHaveProperty("error");
      } finally {
        s.close();
      }
    });

    it("a socket without credentials, or with a forged cookie or token, is not connected", async () => {
      await expect(socketAs(app, {})).rejects.toThrow();
      await expect(socketAs(app, { cookie: "fp_session=forged-session-value-0123456789" })).rejects.toThrow();
      await expect(socketAs(app, { token: "fpk_guessed-kiosk-token" })).rejects.toThrow();
    });

    it("another tenant's floor, history, positions and map are 404 over HTTP", async () => {
      const f = floorOf(theirs);
      for (const path of [
        `/api/history/${f.id}`,
        `/api/locations/${f.id}/positions?at=${Date.now()}`,
        `/api/maps/${f.mapId}/image`,
        `/api/maps/${f.mapId}/calibration`,
      ]) {
        expect((await fetch(`${app.url}${path}`, { headers: { Cookie: boss.cookie } })).status, path).toBe(404);
      }
      const put = await fetch(`${app.url}/api/locations/${f.id}`, {
        method: "PUT",
        headers: {
          "Content-Type": "application/json",
          Cookie: boss.cookie,
          "X-CSRF-Token": boss.csrf,
          Origin: app.url,
        },
        body: JSON.stringify({ capacity: 1 }),
      });
      expect(put.status).toBe(404);
      expect(
        await (await fetch(`${app.url}/locations/${f.id}`, { headers: { Cookie: boss.cookie } })).text(),
      ).toContain("Not found");
    });

    const asAdmin = (who: Browser) => ({
      "Content-Type": "application/json",
      Cookie: who.cookie,
      "X-CSRF-Token": who.csrf,
      Origin: app.url,
    });

    it("another tenant's map calibration, kiosk links and locations cannot be changed or used (404)", async () => {
      const f = floorOf(theirs);
      const calibrate = await fetch(`${app.url}/api/maps/${f.mapId}/calibration`, {
        method: "PUT",
        headers: asAdmin(boss),
        body: JSON.stringify({ offsetX: 5 }),
      });
      expect(calibrate.status).toBe(404);
      const link = await fetch(`${app.url}/api/kiosk-tokens`, {
        method: "POST",
        headers: asAdmin(boss),
        body: JSON.stringify({ locationId: f.id, label: "Not mine" }),
      });
      expect(await apiError(link)).toMatchObject({ status: 404, code: "NOT_FOUND" });
      // Their own link: the other tenant's admin can neither see nor revoke it, and it keeps working.
      const made = await fetch(`${app.url}/api/kiosk-tokens`, {
        method: "POST",
        headers: asAdmin(second),
        body: JSON.stringify({ locationId: f.id, label: "Their lobby" }),
      });
      expect(made.status).toBe(201);
      const { kiosk, token } = (await made.json()) as { kiosk: { id: string }; token: string };
      expect(
        (await fetch(`${app.url}/api/kiosk-tokens/${kiosk.id}`, { method: "DELETE", headers: asAdmin(boss) })).status,
      ).toBe(404);
      const listed = (await (
        await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: boss.cookie } })
      ).json()) as { kiosks: Array<{ id: string }> };
      expect(listed.kiosks.map((k) => k.id)).not.toContain(kiosk.id);
      const status = await fetch(`${app.url}/api/kiosk/status`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await status.json()).toEqual({ state: "active" });
    });

    it("a kiosk link reaches only its own floor: other floors' history and map are 404; positions and calibration are no kiosk's at all (403)", async () => {
      const floors = mine.filter((l) => l.type === "FLOOR" && l.mapId);
      const [own, other] = [floors[0]!, floors.find((l) => l.mapId !== floors[0]!.mapId)];
      expect(other, "the demo campus has floors on two maps").toBeDefined();
      const made = await fetch(`${app.url}/api/kiosk-tokens`, {
        method: "POST",
        headers: asAdmin(boss),
        body: JSON.stringify({ locationId: own.id, label: "Floor display" }),
      });
      expect(made.status).toBe(201);
      const { token } = (await made.json()) as { token: string };
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await fetch(`${app.url}/api/history/${own.id}`, { headers: bearer })).status).toBe(200);
      expect((await fetch(`${app.url}/api/maps/${own.mapId}/image?kiosk=${token}`)).status).toBe(200);
      expect((await fetch(`${app.url}/api/history/${other!.id}`, { headers: bearer })).status).toBe(404);
      // The display gets its floors' calibration with its page; the APIs for a day of positions and for calibration are for people.
      for (const path of [
        `/api/maps/${own.mapId}/calibration`,
        `/api/locations/${own.id}/positions?at=${Date.now()}`,
        `/api/locations/${other!.id}/positions?at=${Date.now()}`,
        `/api/maps/${other!.mapId}/calibration`,
      ]) {
        expect((await fetch(`${app.url}${path}`, { headers: bearer })).status, path).toBe(403);
      }
      expect((await fetch(`${app.url}/api/maps/${other!.mapId}/image?kiosk=${token}`)).status).toBe(404);
    });
  });
});
