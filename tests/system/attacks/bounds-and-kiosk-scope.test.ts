import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { apiError, demoKioskToken, expectHealthy, firstFloor, tenantLocations } from "../../helpers/hostile";

// Two things a stranger with a query string or a kiosk link tries: numbers and zone names the history
// and time-travel APIs were not written for (each must be a 400, never a 500), and a display link
// (printed on a public screen) used to read what the display never shows.

describe("bounds on history and time travel; what a kiosk link can read", () => {
  let app: AppServer;
  let floorId: string;
  let mapId: string;
  let kioskToken: string;
  let outside: string | undefined;

  beforeAll(async () => {
    app = await bootApp({});
    ({ floorId, mapId } = await firstFloor(app, { cookie: "", csrf: "" }));
    kioskToken = await demoKioskToken(app, floorId);
    // A location of the same tenant outside the display's floor.
    const all = await tenantLocations(app, { cookie: "" });
    outside = all.find((l) => l.type === "FLOOR" && l.id !== floorId)?.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const BAD_INSTANTS = [
    "1e20",
    "-1",
    "0",
    "1e300",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.5",
    "abc",
    "",
    "9".repeat(400),
    "8640000000000001",
    "4102444800001",
  ];

  it("history `from` out of range or not a number is a 400 with a reason, never a 500", async () => {
    for (const from of BAD_INSTANTS) {
      const res = await fetch(`${app.url}/api/history/${floorId}?range=day&from=${encodeURIComponent(from)}`);
      expect(await apiError(res), `from=${from}`).toMatchObject({ status: 400, code: "VALIDATION" });
    }
    expect((await fetch(`${app.url}/api/history/${floorId}?range=day&from=${Date.now() - 86_400_000}`)).status).toBe(
      200,
    );
  });

  it("time travel `at` out of range or not a number is a 400 with a reason, never a 500", async () => {
    for (const at of [...BAD_INSTANTS, null]) {
      const res = await fetch(
        `${app.url}/api/locations/${floorId}/positions${at === null ? "" : `?at=${encodeURIComponent(at)}`}`,
      );
      expect(await apiError(res), `at=${at}`).toMatchObject({ status: 400, code: "VALIDATION" });
    }
    expect((await fetch(`${app.url}/api/locations/${floorId}/positions?at=${Date.now() - 60_000}`)).status).toBe(200);
  });

  it("every spelling of a zone is that zone; a made-up zone is a 400", async () => {
    const day = async (tz: string) => {
      const res = await fetch(
        `${app.url}/api/history/${floorId}?range=day&from=${Date.UTC(2026, 5, 1)}&tz=${encodeURIComponent(tz)}`,
      );
      expect(res.status, tz).toBe(200);
      return (await res.json()) as { from: number; to: number };
    };
    const berlin = await day("Europe/Berlin");
    for (const tz of ["europe/berlin", "EUROPE/BERLIN", "eUrOpE/bErLiN"])
      expect(await day(tz), tz).toMatchObject({ from: berlin.from, to: berlin.to });
    for (const tz of ["Mars/Olympus_Mons", "Europe/Berlin ", "../../etc/passwd", "x".repeat(65), "+25:00"]) {
      expect(
        await apiError(await fetch(`${app.url}/api/history/${floorId}?tz=${encodeURIComponent(tz)}`)),
        tz,
      ).toMatchObject({ status: 400 });
    }
    await expectHealthy(app);
  });

  it("a kiosk link reads its floor's counts, but no per-device movement and nothing outside its floor", async () => {
    const asKiosk = (path: string) =>
      fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${kioskToken}` } });
    expect((await asKiosk(`/api/history/${floorId}?range=day`)).status).toBe(200);
    // A day of device positions, at any moment and in any spelling.
    for (const at of [Date.now() - 60_000, Date.now() - 3_600_000, Date.now() - 23 * 3_600_000]) {
      expect((await asKiosk(`/api/locations/${floorId}/positions?at=${at}`)).status, `at ${at}`).toBe(403);
      expect(
        (
          await fetch(`${app.url}/api/locations/${floorId}/positions?at=${at}`, {
            headers: { Authorization: `bearer ${kioskToken}` },
          })
        ).status,
      ).toBe(403);
    }
    expect((await asKiosk(`/api/maps/${mapId}/calibration`)).status).toBe(403);
    if (outside) {
      expect([403, 404]).toContain((await asKiosk(`/api/history/${outside}?range=day`)).status);
      expect([403, 404]).toContain((await asKiosk(`/api/locations/${outside}/positions?at=${Date.now()}`)).status);
    }
    // People of the tenant still have both (here the demo admin).
    expect((await fetch(`${app.url}/api/locations/${floorId}/positions?at=${Date.now() - 60_000}`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/maps/${mapId}/calibration`)).status).toBe(200);
  });
});
