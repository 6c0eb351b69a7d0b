import { beforeAll, describe, expect, it } from "vitest";
import { appForSuite } from "../../helpers/suite-app";
import { bootApp } from "../../helpers/app-in-process";
import { browserFrom, type Browser } from "../../helpers/auth-http";
import { apiError, expectHealthy, firstFloor, launchAs, rawRequest, socketAs } from "../../helpers/hostile";
import { adminAccount, launchAdmin } from "../../helpers/app-env";

// Sessions and roles from outside: forged cross-site changes, a session id planted before sign-in, a
// kiosk link used as a key to the admin routes, path tricks on the map proxy, and password guessing.

const ADMIN = { email: "owner@roles.example", password: "correct horse battery" };
const ATTACKER = "https://attacker.example";

describe("sessions, CSRF, kiosk tokens and brute force", () => {
  const app = appForSuite(() =>
    bootApp({
      ...launchAdmin("boss@roles.example"),
      ...adminAccount(ADMIN),
      RATE_LIMIT_AUTH_PER_MINUTE: "20",
      RATE_LIMIT_SETUP_PER_MINUTE: "1000",
    }),
  );
  let admin: Browser;
  let floorId: string;
  let mapId: string;

  beforeAll(async () => {
    admin = await launchAs(app, "boss@roles.example");
    ({ floorId, mapId } = await firstFloor(app, admin));
  });

  /** Every change an admin can make, with a body that succeeds (or fails validation) when the request is genuine. */
  const adminChanges = () => [
    { method: "PUT", path: `/api/locations/${floorId}`, body: { capacity: 120 }, ok: [200] },
    { method: "PUT", path: `/api/maps/${mapId}/calibration`, body: { offsetX: 0 }, ok: [200, 400] },
    { method: "POST", path: "/api/kiosk-tokens", body: { locationId: floorId, label: "Lobby" }, ok: [201] },
    {
      method: "POST",
      path: "/api/setup/activate",
      body: { activationToken: "not-a-token-but-long-enough", kind: "single-tenant" },
      ok: [400],
    },
    { method: "PUT", path: "/api/excluded-devices", body: { macFilter: [] }, ok: [200] },
  ];
  const send = (c: { method: string; path: string; body: unknown }, headers: Record<string, string>) =>
    fetch(`${app.url}${c.path}`, {
      method: c.method,
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(c.body),
    });

  it("refuses every admin change without the CSRF token, from another origin, or marked cross-site by the browser (403)", async () => {
    for (const c of adminChanges()) {
      const noToken = await send(c, { Cookie: admin.cookie, Origin: app.url });
      expect(await apiError(noToken), `${c.path} without token`).toMatchObject({ status: 403, code: "CSRF_FAILED" });
      expect((await send(c, { Cookie: admin.cookie })).status, `${c.path} without token or Origin`).toBe(403);
      expect(
        (await send(c, { Cookie: admin.cookie, "X-CSRF-Token": "forged", Origin: app.url })).status,
        `${c.path} forged token`,
      ).toBe(403);
      expect(
        (await send(c, { Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, Origin: ATTACKER })).status,
        `${c.path} foreign origin`,
      ).toBe(403);
      expect(
        (await send(c, { Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, Origin: "null" })).status,
        `${c.path} opaque origin`,
      ).toBe(403);
      expect(
        (await send(c, { Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, "Sec-Fetch-Site": "cross-site" })).status,
        `${c.path} cross-site`,
      ).toBe(403);
      // The same request from our own page goes through: the refusals above were about where it came from.
      expect(c.ok, `${c.path} genuine`).toContain(
        (await send(c, { Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, Origin: app.url })).status,
      );
    }
    const kiosk = (await (
      await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: admin.cookie } })
    ).json()) as { kiosks: Array<{ id: string }> };
    const del = (h: Record<string, string>) =>
      fetch(`${app.url}/api/kiosk-tokens/${kiosk.kiosks[0]!.id}`, {
        method: "DELETE",
        headers: { Cookie: admin.cookie, ...h },
      });
    expect((await del({ Origin: app.url })).status).toBe(403);
    expect((await del({ "X-CSRF-Token": admin.csrf, Origin: ATTACKER })).status).toBe(403);
  });

  it("refuses sign-in and sign-out forms posted from another site (login CSRF)", async () => {
    const login = await fetch(`${app.url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ATTACKER },
      body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    const out = await fetch(`${app.url}/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin.cookie, Origin: ATTACKER },
    });
    expect(out.status).toBe(403);
    expect((await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: admin.cookie } })).status).toBe(200); // still signed in
  });

  it("does not adopt a session id planted before sign-in, and rotates it at every sign-in", async () => {
    const planted = "fp_session=attacker-chosen-session-id-0123456789";
    const res = await fetch(`${app.url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: planted },
      body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, next: "/" }),
    });
    expect(res.status).toBe(303);
    const issued = browserFrom(res);
    expect(issued.cookie).toMatch(/fp_session=[A-Za-z0-9_-]{20,}/);
    expect(issued.cookie).not.toContain("attacker-chosen");
    expect((await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: planted } })).status).toBe(401);

    // Signing in again while signed in: a new id, and the old one stops working at once.
    const again = await fetch(`${app.url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: issued.cookie },
      body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, next: "/" }),
    });
    const second = browserFrom(again);
    expect(second.cookie).not.toBe(issued.cookie);
    const sessionOf = (b: Browser) => b.cookie.match(/fp_session=([^;]+)/)![1];
    expect(sessionOf(second)).not.toBe(sessionOf(issued));
    const page = async (cookie: string) => (await fetch(`${app.url}/setup`, { headers: { Cookie: cookie } })).text();
    expect(await page(issued.cookie)).not.toContain(ADMIN.email);
    expect(await page(second.cookie)).toContain(ADMIN.email);

    // Signing out ends the session on the server, not only in the browser.
    const out = await fetch(`${app.url}/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: second.cookie, Origin: app.url },
    });
    expect(out.status).toBe(303);
    expect(await page(second.cookie)).not.toContain(ADMIN.email);
  });

  it("a kiosk token opens no admin route (403) and counts as no session", async () => {
    const created = await fetch(`${app.url}/api/kiosk-tokens`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Cookie: admin.cookie,
        "X-CSRF-Token": admin.csrf,
        Origin: app.url,
      },
      body: JSON.stringify({ locationId: floorId, label: "Hall screen" }),
    });
    const { token } = (await created.json()) as { token: string };
    const bearer = { Authorization: `Bearer ${token}`, Origin: app.url };
    // It does read what it was made for (its floor's counts), and not a day of per-device movement.
    expect((await fetch(`${app.url}/api/history/${floorId}?range=day`, { headers: bearer })).status).toBe(200);
    expect(
      (await fetch(`${app.url}/api/locations/${floorId}/positions?at=${Date.now()}`, { headers: bearer })).status,
    ).toBe(403);
    for (const c of [
      ...adminChanges(),
      { method: "GET", path: "/api/kiosk-tokens", body: undefined },
      { method: "GET", path: "/api/excluded-devices", body: undefined },
    ]) {
      const res = await fetch(`${app.url}${c.path}`, {
        method: c.method,
        headers: { "Content-Type": "application/json", ...bearer },
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
      });
      expect(await apiError(res), `${c.method} ${c.path}`).toMatchObject({ status: 403, code: "FORBIDDEN" });
    }
    // Put where a session cookie goes, it is no session at all.
    expect((await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: `fp_session=${token}` } })).status).toBe(
      401,
    );
    expect(await (await fetch(`${app.url}/setup`, { headers: bearer })).text()).not.toContain(
      "Connected Cisco Spaces accounts",
    );
    // On a socket it may watch its floor and nothing else of the tenant.
    const s = await socketAs(app, { token });
    try {
      expect(await s.timeout(10_000).emitWithAck("location:watch", floorId)).not.toHaveProperty("error");
      expect(await s.timeout(10_000).emitWithAck("location:watch", null)).toHaveProperty("error");
    } finally {
      s.close();
    }
  });

  it("never serves anything but a stored map image, whatever the map id path says", async () => {
    const tricks = [
      "/api/maps/..%2F..%2F..%2Fetc%2Fpasswd/image",
      "/api/maps/%2e%2e%2f%2e%2e%2fpackage.json/image",
      "/api/maps/..%5C..%5Cserver.ts/image",
      "/api/maps/....//....//etc/passwd/image",
      "/api/maps/%2Fetc%2Fpasswd/image",
      "/api/maps/map%00.svg/image",
      "/api/maps/../../../../etc/passwd",
      `/api/maps/${mapId}/..%2F..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/maps/${mapId}%2F..%2F..%2Fdata%2Ffloorpulse.db/image`,
      `/api/maps/${"a".repeat(5000)}/image`,
    ];
    for (const path of tricks) {
      const r = await rawRequest(app.url, { path, headers: { Cookie: admin.cookie } });
      // Next answers a doubled slash with a permanent redirect to the tidied path on this same server.
      if (r.status === 308) expect(String(r.headers.location), path).toMatch(/^\/(?!\/)/);
      else expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toMatch(/root:x:0|"name": "floorpulse"|SQLite format|createServer/);
    }
    // The real image is there for the same browser.
    const real = await fetch(`${app.url}/api/maps/${mapId}/image`, { headers: { Cookie: admin.cookie } });
    expect(real.status).toBe(200);
    expect(real.headers.get("content-type")).toContain("image/svg+xml");
    await expectHealthy(app);
  });

  it("rate-limits password guessing with 429 and Retry-After, even for the right password, and keeps serving", async () => {
    const guess = (password: string) =>
      fetch(`${app.url}/auth/session`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
        body: new URLSearchParams({ email: ADMIN.email, password, next: "/" }),
      });
    let limited: Response | undefined;
    let tries = 0;
    while (!limited && tries < 100) {
      const r = await guess(`guess-number-${tries++}`);
      if (r.status === 429) limited = r;
      else expect(r.headers.get("location")).toMatch(/^\/signin\?error=credentials/);
    }
    expect(tries).toBeLessThanOrEqual(21); // RATE_LIMIT_AUTH_PER_MINUTE=20
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.text()).toContain("Too many attempts");
    // The right password does not slip through while the limit holds.
    const right = await guess(ADMIN.password);
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
    // Everything else still answers.
    await expectHealthy(app);
    expect((await fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: admin.cookie } })).status).toBe(200);
  });
});
