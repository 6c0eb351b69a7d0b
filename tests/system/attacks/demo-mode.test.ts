import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { expectHealthy, firstFloor, rawRequest } from "../../helpers/hostile";
import { handshake } from "../../helpers/socket";

// The default install runs in demo mode: a browser on this machine is the demo tenant's admin with no
// account. Nobody else may borrow that: not another site's page (Origin), not a DNS-rebinding name
// (Host), not someone relayed by a proxy (X-Forwarded-For), not a socket from another site.

describe("demo mode cannot be borrowed", () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await bootApp({ RATE_LIMIT_SETUP_PER_MINUTE: "5" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const kiosks = (headers: Record<string, string> = {}) => fetch(`${app.url}/api/kiosk-tokens`, { headers });

  it("a visitor on this machine is the demo admin (what the refusals below take away)", async () => {
    expect((await kiosks()).status).toBe(200);
    expect((await kiosks({ Origin: app.url })).status).toBe(200);
  });

  it("another site's page, a rebinding host name or a proxied client gets no demo access", async () => {
    expect((await kiosks({ Origin: "https://attacker.example" })).status).toBe(401);
    expect((await kiosks({ Origin: "null" })).status).toBe(401);
    // fetch will not send a Host of our choosing; node:http will.
    expect(
      (
        await rawRequest(app.url, {
          path: "/api/kiosk-tokens",
          headers: { Host: `rebound.attacker.example:${new URL(app.url).port}` },
        })
      ).status,
    ).toBe(401);
    expect((await kiosks({ "X-Forwarded-For": "203.0.113.9" })).status).toBe(401);
    // And no change goes through from there either.
    const { floorId } = await firstFloor(app, { cookie: "", csrf: "" });
    const put = await fetch(`${app.url}/api/locations/${floorId}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Origin: "https://attacker.example" },
      body: JSON.stringify({ capacity: 1 }),
    });
    expect([401, 403]).toContain(put.status);
    const mine = await fetch(`${app.url}/api/locations/${floorId}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Origin: app.url },
      body: JSON.stringify({ capacity: 90 }),
    });
    expect(mine.status).toBe(200);
  });

  it("a socket opened by another site's page is refused", async () => {
    expect(await handshake(app.url, { Origin: "https://attacker.example" })).toMatch(/^refused/);
  });

  it("limits activation attempts (429 with Retry-After) and keeps serving", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const r = await fetch(`${app.url}/api/setup/activate`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: app.url },
        body: JSON.stringify({ activationToken: "not-a-real-activation-token", kind: "single-tenant" }),
      });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(400);
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    await expectHealthy(app);
  });
});
