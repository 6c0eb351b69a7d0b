import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { startApp, type AppServer } from "../../helpers/app-server";
import type { Browser } from "../../helpers/auth-http";
import { firstFloor, launchAs } from "../../helpers/hostile";
import { launchAdmin } from "../../helpers/app-env";

// A kiosk link is printed on a public screen for months: it can be given a lifetime and be rotated,
// and a link past its lifetime or rotated away opens nothing (API, floor image, "You are here" code,
// socket), however it is presented.

describe("kiosk links expire and rotate", () => {
  let app: AppServer;
  let db: Db;
  let floorId: string;
  let mapId: string;
  let admin: Browser;

  beforeAll(async () => {
    // No demo mode: a refused display link must not fall back to the local demo visitor.
    // A display limit a guesser reaches at any speed (the default, 600 a minute, takes > 70 guesses/s to see
    // within the loop below, which a loaded machine may not give).
    app = await startApp({ ...launchAdmin("boss@kiosks.example"), RATE_LIMIT_DISPLAY_PER_MINUTE: "120" });
    db = createDb(`file:${app.dir}/floorpulse.db`);
    admin = await launchAs(app, "boss@kiosks.example");
    ({ floorId, mapId } = await firstFloor(app, admin));
  });
  const asAdmin = (origin = app.url) => ({ Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, Origin: origin });
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
  });

  const create = async (body: object) => {
    const res = await fetch(`${app.url}/api/kiosk-tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...asAdmin() },
      body: JSON.stringify({ locationId: floorId, label: "Lobby", ...body }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { token: string; kiosk: { id: string; expiresAt: string | null } };
  };
  const socketOutcome = (token: string) =>
    new Promise<string>((resolve) => {
      const s = io(app.url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token } });
      s.once("connect", () => (s.close(), resolve("connected")));
      s.once("connect_error", (e) => (s.close(), resolve(`refused: ${e.message}`)));
    });
  /** Everything a display link opens; statuses in one list. */
  const opens = async (token: string) => [
    (await fetch(`${app.url}/api/history/${floorId}?range=day`, { headers: { Authorization: `Bearer ${token}` } }))
      .status,
    (await fetch(`${app.url}/api/maps/${mapId}/image?kiosk=${encodeURIComponent(token)}`)).status,
    (await fetch(`${app.url}/api/kiosk/here-link`, { headers: { Authorization: `Bearer ${token}` } })).status,
    (await fetch(`${app.url}/api/kiosk/status`, { headers: { Authorization: `Bearer ${token}` } })).status,
  ];

  it("a link given a lifetime stops opening anything when it is over", async () => {
    const link = await create({ expiresInDays: 30 });
    expect(Date.parse(link.kiosk.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await opens(link.token)).toEqual([200, 200, 200, 200]);
    expect(await socketOutcome(link.token)).toBe("connected");
    const code = (await (
      await fetch(`${app.url}/api/kiosk/here-link`, { headers: { Authorization: `Bearer ${link.token}` } })
    ).json()) as { url: string };
    // The floor plan a display holds must be asked about again before each use, never kept past the link.
    const image = await fetch(`${app.url}/api/maps/${mapId}/image?kiosk=${encodeURIComponent(link.token)}`);
    expect(image.headers.get("cache-control")).toMatch(/no-cache|no-store/);
    const etag = image.headers.get("etag")!;
    expect(
      (
        await fetch(`${app.url}/api/maps/${mapId}/image?kiosk=${encodeURIComponent(link.token)}`, {
          headers: { "If-None-Match": etag },
        })
      ).status,
    ).toBe(304);
    // Its lifetime runs out.
    await db.kioskToken.update({ where: { id: link.kiosk.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await opens(link.token)).toEqual([401, 401, 401, 401]);
    // A browser revalidating its cached copy gets no "304: keep showing it".
    expect(
      (
        await fetch(`${app.url}/api/maps/${mapId}/image?kiosk=${encodeURIComponent(link.token)}`, {
          headers: { "If-None-Match": etag },
        })
      ).status,
    ).toBe(401);
    expect(await socketOutcome(link.token)).toMatch(/^refused/);
    expect(
      (await fetch(`${app.url}/api/here`, { headers: { Authorization: `Bearer ${code.url.split("/here/")[1]}` } }))
        .status,
    ).toBe(401);
    expect(await (await fetch(`${app.url}/kiosk/${link.token}`)).text()).toContain("This display link has expired");
    // Lifetimes outside 1 day to 10 years are refused.
    for (const expiresInDays of [0, -1, 1.5, 100_000, "7"]) {
      const res = await fetch(`${app.url}/api/kiosk-tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...asAdmin() },
        body: JSON.stringify({ locationId: floorId, label: "Lobby", expiresInDays }),
      });
      expect(res.status, String(expiresInDays)).toBe(400);
    }
  });

  it("rotating a link revokes the old token and hands out a new one with the same settings", async () => {
    const link = await create({ expiresInDays: 7, theme: "light" });
    const rotate = (id: string, headers: Record<string, string> = asAdmin()) =>
      fetch(`${app.url}/api/kiosk-tokens/${id}/rotate`, { method: "POST", headers });
    expect((await rotate(link.kiosk.id, asAdmin("https://attacker.example"))).status).toBe(403);
    expect((await rotate(link.kiosk.id, { Authorization: `Bearer ${link.token}`, Origin: app.url })).status).toBe(403); // a display cannot rotate itself
    const res = await rotate(link.kiosk.id);
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as {
      token: string;
      kiosk: { id: string; label: string; theme: string; expiresAt: string };
    };
    expect(fresh.token).not.toBe(link.token);
    expect(fresh.kiosk).toMatchObject({ label: "Lobby", theme: "light" });
    expect(Date.parse(fresh.kiosk.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect(await opens(link.token)).toEqual([401, 401, 401, 401]);
    expect(await opens(fresh.token)).toEqual([200, 200, 200, 200]);
    // The old one cannot be rotated again into a second live link, nor can one that never existed.
    expect((await rotate(link.kiosk.id)).status).toBe(404);
    expect((await rotate("no-such-link")).status).toBe(404);
  });

  it("guessing display links from one address runs into a limit (429), on every door a link opens", async () => {
    for (const door of [
      (t: string) => `/api/kiosk/status#${t}`,
      (t: string) => `/api/maps/${mapId}/image?kiosk=${t}`,
    ]) {
      let limited: Response | undefined;
      for (let i = 0; i < 700 && !limited; i++) {
        const guess = `fpk_guess${i}${"x".repeat(30)}`;
        const path = door(guess);
        const r = await fetch(`${app.url}${path.split("#")[0]}`, {
          headers: path.includes("#") ? { Authorization: `Bearer ${guess}` } : {},
        });
        if (r.status === 429) limited = r;
        else expect(r.status).toBe(401);
      }
      expect(limited, "no 429 within 700 guesses").toBeDefined();
      expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });
});
