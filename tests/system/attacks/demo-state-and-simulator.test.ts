import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { simulatorUrl } from "../../helpers/auth-http";
import { rawRequest } from "../../helpers/hostile";
import { handshake } from "../../helpers/socket";

// Demo mode's "this machine" test from behind a proxy: a proxy that rewrites Host to loopback connects
// from loopback, so only its headers give it away, in whichever dialect it speaks. Demo mode also ends
// for good once a real Cisco Spaces activation exists. And the built-in simulator's admin API (it
// mints tokens) cannot be driven by a web page.

describe("demo mode is a state, and nothing relayed gets it", () => {
  let app: AppServer;
  let db: Db;
  let sim: string;

  beforeAll(async () => {
    app = await bootApp({});
    db = createDb(`file:${app.dir}/floorpulse.db`);
    sim = simulatorUrl(app);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
  });

  const kiosks = (headers: Record<string, string> = {}) => fetch(`${app.url}/api/kiosk-tokens`, { headers });

  it("a request relayed by a proxy is never the demo admin, in any proxy's dialect", async () => {
    expect((await kiosks()).status).toBe(200); // the local visitor, for contrast
    for (const headers of <Array<Record<string, string>>>[
      { Forwarded: "for=203.0.113.9;proto=https;host=floorpulse.example.com" },
      { Forwarded: "for=127.0.0.1" },
      { "X-Real-IP": "203.0.113.9" },
      { "X-Real-IP": "127.0.0.1" },
      { Via: "1.1 proxy.example" },
      { "X-Forwarded-Host": "floorpulse.example.com" },
      { "X-Forwarded-Proto": "https" },
      { "True-Client-IP": "203.0.113.9" },
      { "CF-Connecting-IP": "203.0.113.9" },
      { "X-Client-IP": "203.0.113.9" },
      { "X-Cluster-Client-IP": "203.0.113.9" },
    ]) {
      expect((await kiosks(headers)).status, JSON.stringify(headers)).toBe(401);
    }
    // A socket relayed the same way gets no demo session either.
    expect(await handshake(app.url, { "X-Real-IP": "203.0.113.9" })).toMatch(/^refused/);
  });

  it("the simulator's admin API answers no web page and no rebinding name", async () => {
    const mint = (headers: Record<string, string>) =>
      fetch(`${sim}/admin/tokens/activation`, { method: "POST", headers, body: "{}" });
    expect((await mint({})).status).toBe(200); // a test or a person on this machine
    for (const headers of <Array<Record<string, string>>>[
      { Origin: "https://attacker.example" },
      { Origin: "null" },
      { Origin: app.url }, // not even Floorpulse's own pages
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ]) {
      expect((await mint(headers)).status, JSON.stringify(headers)).toBe(403);
    }
    const port = new URL(sim).port;
    for (const host of [`rebound.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, "localhost.attacker.example"]) {
      expect(
        (
          await rawRequest(sim, {
            method: "POST",
            path: "/admin/tokens/activation",
            headers: { Host: host },
            chunks: [Buffer.from("{}")],
          })
        ).status,
        host,
      ).toBe(403);
      expect(
        (
          await rawRequest(sim, {
            path: `/admin/launch?dashboardUrl=${encodeURIComponent("https://attacker.example/")}`,
            headers: { Host: host },
          })
        ).status,
        host,
      ).toBe(403);
    }
    // The Cisco API itself is unaffected (Floorpulse and partners call it from anywhere).
    expect(
      (await fetch(`${sim}/client/v1/partner/partnerPublicKey`, { headers: { Origin: "https://attacker.example" } }))
        .status,
    ).toBe(200);
  });

  it("ends for good the moment a real activation exists", async () => {
    expect((await kiosks()).status).toBe(200);
    const tenant = await db.tenant.create({ data: { partnerTenantId: "real-customer-1", name: "Real Customer" } });
    await db.activation.create({
      data: {
        tenantId: tenant.id,
        kind: "single-tenant",
        appId: "app",
        activationRefId: "real-activation-1",
        baseUrl: "https://dnaspaces.io",
        apiKey: "sealed-elsewhere",
        status: "deactivated",
      },
    });
    // A deactivated one does not count.
    expect((await kiosks()).status).toBe(200);
    await db.activation.updateMany({ where: { activationRefId: "real-activation-1" }, data: { status: "active" } });
    await vi.waitFor(async () => expect((await kiosks()).status).toBe(401), { timeout: 15_000, interval: 250 });
    await app.waitFor(/demo mode ended/);
    // And it stays ended when that activation goes away again.
    await db.activation.updateMany({
      where: { activationRefId: "real-activation-1" },
      data: { status: "deactivated" },
    });
    for (let i = 0; i < 3; i++) expect((await kiosks()).status).toBe(401);
  });
});
