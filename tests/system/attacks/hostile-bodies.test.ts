import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { type Browser } from "../../helpers/auth-http";
import { apiError, expectHealthy, firstFloor, launchAs, rawRequest, socketAs } from "../../helpers/hostile";

// Bodies built to hurt: larger than any route takes (declared or not), deeply nested, huge arrays,
// prototype keys. Each is refused with 413 or 400 before it costs memory, and the server stays up.

const KB = 1024;

describe("hostile request bodies", () => {
  let app: AppServer;
  let admin: Browser;
  let floorId: string;
  let mapId: string;
  /** Every route that takes a body, with a method. */
  let routes: Array<[string, string]>;

  beforeAll(async () => {
    app = await bootApp({
      DEMO_MODE: "off",
      LAUNCH_ADMIN_EMAILS: "boss@bodies.example",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
      RATE_LIMIT_SETUP_PER_MINUTE: "1000",
    });
    admin = await launchAs(app, "boss@bodies.example");
    ({ floorId, mapId } = await firstFloor(app, admin));
    routes = [
      ["POST", "/auth/appLogin"],
      ["POST", "/auth/session"],
      ["POST", "/auth/token"],
      ["POST", "/auth/signout"],
      ["POST", "/api/setup/activate"],
      ["POST", "/api/kiosk-tokens"],
      ["PUT", `/api/locations/${floorId}`],
      ["PUT", `/api/maps/${mapId}/calibration`],
      ["PUT", "/api/excluded-devices"],
    ];
  });
  afterAll(async () => {
    await app?.stop();
  });

  const asAdmin = (extra: Record<string, string> = {}) => ({
    Cookie: admin.cookie,
    "X-CSRF-Token": admin.csrf,
    Origin: app.url,
    ...extra,
  });

  it("finds the admin's floor and map to aim at", () => {
    expect(floorId).toMatch(/^location-/);
    expect(mapId).not.toBe("");
  });

  it("refuses a declared Content-Length over 64 KiB with 413 on every POST and PUT route, before reading the body", async () => {
    for (const [method, path] of routes) {
      // A gigabyte announced, a few bytes sent: the answer comes without waiting for the rest.
      const r = await rawRequest(app.url, {
        method,
        path,
        headers: { ...asAdmin(), "Content-Type": "application/json", "Content-Length": String(1024 * 1024 * 1024) },
        chunks: [Buffer.from("{")],
      });
      expect(r.status, `${method} ${path}`).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    }
    await expectHealthy(app);
  });

  it("stops reading a chunked body at 64 KiB with 413 on every POST and PUT route", async () => {
    const chunk = Buffer.alloc(16 * KB, "a");
    for (const [method, path] of routes) {
      // 4 MiB in 16 KiB chunks, no Content-Length: the server must cut it off, not buffer it.
      const r = await rawRequest(app.url, {
        method,
        path,
        headers: { ...asAdmin(), "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
        chunks: Array(256).fill(chunk),
      });
      expect(r.status, `${method} ${path}`).toBe(413);
    }
    await expectHealthy(app);
  });

  it("answers 413 for a body between the route's 16 KiB and the server's 64 KiB, on each route that reads one", async () => {
    const big = JSON.stringify({ label: "x".repeat(20 * KB) });
    const form = new URLSearchParams({ token: "x".repeat(20 * KB) }).toString();
    const cases: Array<[string, string, string, string]> = [
      ["POST", "/auth/appLogin", "application/x-www-form-urlencoded", form],
      ["POST", "/auth/session", "application/x-www-form-urlencoded", form],
      ["POST", "/auth/token", "application/x-www-form-urlencoded", form],
      ["POST", "/api/setup/activate", "application/json", big],
      ["POST", "/api/kiosk-tokens", "application/json", big],
      ["PUT", `/api/locations/${floorId}`, "application/json", big],
      ["PUT", `/api/maps/${mapId}/calibration`, "application/json", big],
      ["PUT", "/api/excluded-devices", "application/json", big],
    ];
    for (const [method, path, type, body] of cases) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { ...asAdmin(), "Content-Type": type },
        body,
        redirect: "manual",
      });
      expect(res.status, `${method} ${path}`).toBe(413);
    }
  });

  it("refuses JSON bombs (deep nesting, huge arrays, thousands of keys, prototype keys, infinite numbers) with a 4xx, changes nothing, and keeps serving", async () => {
    const deepArray = "[".repeat(7000) + "]".repeat(7000);
    const deepObject = '{"a":'.repeat(2500) + "1" + "}".repeat(2500);
    const manyKeys = JSON.stringify(Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i])));
    const hugePolygon = JSON.stringify({ polygon: Array.from({ length: 1500 }, (_, i) => [i, i]) });
    const proto =
      '{"__proto__":{"role":"admin","capacity":1},"constructor":{"prototype":{"polluted":true}},"capacity":5}';
    const infinite = '{"capacity":1e400}';
    const hugeList = JSON.stringify({ macFilter: Array.from({ length: 2000 }, () => "aa:bb:cc:dd:ee:ff") }).slice(
      0,
      16000,
    );
    const bombs = [deepArray, deepObject, manyKeys, hugePolygon, proto, infinite, hugeList];
    const jsonRoutes: Array<[string, string]> = [
      ["PUT", `/api/locations/${floorId}`],
      ["PUT", `/api/maps/${mapId}/calibration`],
      ["PUT", "/api/excluded-devices"],
      ["POST", "/api/kiosk-tokens"],
      ["POST", "/api/setup/activate"],
      ["POST", "/auth/appLogin"],
      ["POST", "/auth/token"],
    ];
    for (const [method, path] of jsonRoutes) {
      for (const bomb of bombs) {
        const res = await fetch(`${app.url}${path}`, {
          method,
          headers: { ...asAdmin(), "Content-Type": "application/json" },
          body: bomb,
          redirect: "manual",
        });
        // A launch without a usable token gets the launch's own refusal page (401), the OAuth token endpoint
        // its invalid_client (401, client authentication comes first); every other route a 400.
        const refused = path.startsWith("/auth/") ? [400, 401, 413] : [400, 413];
        expect(refused, `${method} ${path} ${bomb.slice(0, 30)}`).toContain(res.status);
      }
    }
    // Nothing above changed a capacity or anyone's role.
    const ok = await fetch(`${app.url}/api/locations/${floorId}`, {
      method: "PUT",
      headers: { ...asAdmin(), "Content-Type": "application/json" },
      body: JSON.stringify({ capacity: 77 }),
    });
    expect(await ok.json()).toMatchObject({ capacity: 77 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectHealthy(app);
  });

  it("a socket that sends an oversized or malformed command is answered with an error or cut off, and nothing else is affected", async () => {
    const s = await socketAs(app, { cookie: admin.cookie });
    try {
      expect(await s.timeout(10_000).emitWithAck("location:watch", { $ne: null } as unknown as string)).toEqual({
        error: "invalid location id",
      });
      expect(await s.timeout(10_000).emitWithAck("floor:watch", ["a", "b"] as unknown as string)).toEqual({
        error: "invalid location id",
      });
      expect(await s.timeout(10_000).emitWithAck("location:watch", "x".repeat(5_000))).toEqual({
        error: "invalid location id",
      });
      // Over the 16 KiB a client command may take: the server drops this connection.
      const closed = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
      s.emit("location:watch", "y".repeat(64 * KB), () => {});
      expect(await closed).toMatch(/transport close|transport error|io server disconnect/);
    } finally {
      s.close();
    }
    const other = await socketAs(app, { cookie: admin.cookie });
    try {
      expect(await other.timeout(10_000).emitWithAck("floor:watch", floorId)).toHaveProperty("devices");
    } finally {
      other.close();
    }
    await expectHealthy(app);
  });

  it("says what was wrong in the JSON error envelope", async () => {
    const res = await fetch(`${app.url}/api/locations/${floorId}`, {
      method: "PUT",
      headers: { ...asAdmin(), "Content-Type": "application/json" },
      body: '{"capacity": ',
    });
    expect(await apiError(res)).toMatchObject({ status: 400, code: "VALIDATION", message: "The body is not JSON." });
  });
});
