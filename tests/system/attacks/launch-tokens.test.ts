import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHealthy } from "../../helpers/hostile";
import { appForSuite } from "../../helpers/suite-app";
import { bootApp } from "../../helpers/app-in-process";
import { browserFrom, launch, mintLaunch, simulatorUrl } from "../../helpers/auth-http";
import { decodePayload, forgeHs256, forgeRs256, forgeUnsigned, rsaKeyPair, tamper } from "../../helpers/forge-jwt";
import { startFakeSpaces, type FakeSpaces } from "../../helpers/fake-spaces";
import { launchAdmin } from "../../helpers/app-env";

// The app-tile launch against the real server and its simulator: a verified token lands on the
// dashboard; each forged one gets a 401 page that says why, and no session.

describe("launch from the Cisco Spaces app tile", () => {
  const app = appForSuite(() => bootApp({ ...launchAdmin("boss@example.com"), RATE_LIMIT_AUTH_PER_MINUTE: "40" }));
  let sim: string;
  let rogue: FakeSpaces;
  const attacker = rsaKeyPair();

  beforeAll(async () => {
    rogue = await startFakeSpaces(new Map([["v1", attacker.publicKey]]));
    sim = simulatorUrl(app);
  });
  afterAll(async () => {
    await rogue?.close();
  });

  const fields = (token: string) => {
    const p = decodePayload(token);
    return { token, version: String(p.version), appId: String(p.appId) };
  };
  const expectRefused = async (res: Response, reason: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.getSetCookie()).toEqual([]);
    const html = await res.text();
    expect(html).toContain("Floorpulse could not sign you in");
    expect(html).toMatch(reason);
  };
  const page = (path: string, cookie?: string) =>
    fetch(`${app.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} }).then((r) => r.text());

  it("without a session the dashboard explains how to sign in and shows no data", async () => {
    const html = await page("/");
    expect(html).toContain("Sign in to see live occupancy");
    expect(html).not.toContain("Occupancy now");
  });

  it("a verified launch signs the user in with a fresh httpOnly session and lands on the dashboard", async () => {
    const token = await mintLaunch(sim, { userId: "Facility.Manager@example.com" });
    const res = await launch(app, fields(token));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("fp_session="))).toMatch(/HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+$/);
    expect(cookies.join()).not.toContain("Secure"); // plain http on loopback; PUBLIC_URL=https turns it on
    const browser = browserFrom(res);
    const html = await page("/", browser.cookie);
    expect(html).toContain("Occupancy now");
    expect(html).toContain("facility.manager@example.com");
    expect(html).toContain("Viewer");
  });

  it("accepts the JSON body the guide shows as well as the browser's form", async () => {
    const res = await launch(app, fields(await mintLaunch(sim, { userId: "json@example.com" })), { json: true });
    expect(res.status).toBe(303);
  });

  it("a second launch replaces the session: the old cookie stops working", async () => {
    const first = browserFrom(await launch(app, fields(await mintLaunch(sim, { userId: "rotate@example.com" }))));
    // A different lifetime makes a different token: the same one would be a replay within the second.
    const second = await launch(app, fields(await mintLaunch(sim, { userId: "rotate@example.com", ttlSeconds: 119 })), {
      cookie: first.cookie,
    });
    expect(second.status).toBe(303);
    expect(await page("/", first.cookie)).toContain("Sign in to see live occupancy");
    expect(await page("/", browserFrom(second).cookie)).toContain("Occupancy now");
  });

  it("refuses a replayed launch", async () => {
    const token = await mintLaunch(sim);
    expect((await launch(app, fields(token))).status).toBe(303);
    await expectRefused(await launch(app, fields(token)), /already used/);
  });

  it("refuses a replay of the same signature spelled another way", async () => {
    const token = await mintLaunch(sim, { userId: "respelled@example.com" });
    expect((await launch(app, fields(token))).status).toBe(303);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // An RSA-2048 signature is 256 bytes: its last base64url character carries 4 bits nobody reads.
    const lastBitsFlipped = alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1]!;
    const respelled = {
      "a space inside the signature": `${header}.${payload}.${signature.slice(0, 40)} ${signature.slice(40)}`,
      "a line break inside the signature": `${header}.${payload}.${signature.slice(0, 40)}\n${signature.slice(40)}`,
      "a tab inside the payload": `${header}.${payload.slice(0, 8)}\t${payload.slice(8)}.${signature}`,
      "the final character's unused bits changed": `${header}.${payload}.${signature.slice(0, -1)}${lastBitsFlipped}`,
      "padding added": `${header}.${payload}.${signature}==`,
    };
    for (const [how, spelling] of Object.entries(respelled)) {
      expect(spelling, how).not.toBe(token);
      await expectRefused(await launch(app, fields(spelling)), /not a Cisco Spaces token|already used/);
    }
  });

  it("refuses an expired launch", async () => {
    await expectRefused(await launch(app, fields(await mintLaunch(sim, { ttlSeconds: -120 }))), /has expired/);
  });

  it("tolerates a minute of clock skew and no more", async () => {
    // Cisco's clock 150 s behind (the token expired 30 s ago by ours) or 30 s ahead: accepted.
    expect(
      (await launch(app, fields(await mintLaunch(sim, { userId: "skew1@example.com", skewSeconds: -150 })))).status,
    ).toBe(303);
    expect(
      (await launch(app, fields(await mintLaunch(sim, { userId: "skew2@example.com", skewSeconds: 30 })))).status,
    ).toBe(303);
    await expectRefused(
      await launch(app, fields(await mintLaunch(sim, { userId: "skew3@example.com", skewSeconds: -200 }))),
      /has expired/,
    );
    await expectRefused(
      await launch(app, fields(await mintLaunch(sim, { userId: "skew4@example.com", skewSeconds: 300 }))),
      /issued in the future/,
    );
  });

  it("refuses a genuine launch for a Cisco tenant that never activated Floorpulse", async () => {
    // The simulator's second tenant exists at Cisco, but this Floorpulse was never activated for it.
    await expectRefused(
      await launch(app, fields(await mintLaunch(sim, { userId: "branch@example.com", tenant: 1 }))),
      /not activated for this Cisco Spaces account/,
    );
  });

  it("refuses alg none and HS256 signed with Cisco's public key", async () => {
    const genuine = decodePayload(await mintLaunch(sim));
    await expectRefused(await launch(app, { token: forgeUnsigned(genuine) }), /unsigned \(alg none\)/);
    const res = await fetch(`${sim}/client/v1/partner/partnerPublicKey/v1`);
    const b64 = ((await res.json()) as { data: { publicKey: string } }).data.publicKey;
    const pem = createPublicKey({ key: Buffer.from(b64, "base64"), format: "der", type: "spki" }).export({
      type: "spki",
      format: "pem",
    });
    await expectRefused(await launch(app, { token: forgeHs256(genuine, pem) }), /signed with HS256/);
    await expectRefused(await launch(app, { token: forgeHs256(genuine, b64) }), /signed with HS256/);
  });

  it("refuses a tampered payload, another app's launch and an unknown key version", async () => {
    const genuine = await mintLaunch(sim, { userId: "viewer@example.com" });
    await expectRefused(
      await launch(app, { token: tamper(genuine, (p) => (p.userId = "boss@example.com")) }),
      /signature does not match/,
    );
    const claims = decodePayload(genuine);
    await expectRefused(
      await launch(app, { token: forgeRs256({ ...claims, appId: "app-NOT-FLOORPULSE" }, attacker.privateKey) }),
      /another app \(app-NOT-FLOORPULSE\)/,
    );
    await expectRefused(
      await launch(app, { token: forgeRs256({ ...claims, version: "v9" }, attacker.privateKey) }),
      /no public key version &quot;v9&quot;/,
    );
  });

  it("ignores a base URL named inside the token: no request reaches it", async () => {
    const claims = decodePayload(await mintLaunch(sim));
    await expectRefused(
      await launch(app, { token: forgeRs256({ ...claims, baseUrl: rogue.url }, attacker.privateKey) }),
      /signature does not match/,
    );
    expect(rogue.hits).toEqual([]);
  });

  it("a viewer cannot change capacities; an admin can, only with the CSRF token from our own page", async () => {
    const snapshotRes = await fetch(`${app.url}/`, {
      headers: {
        Cookie: browserFrom(await launch(app, fields(await mintLaunch(sim, { userId: "look@example.com" })))).cookie,
      },
    });
    const floorId = (await snapshotRes.text()).match(/\/locations\/(location-[0-9a-f]+)/)?.[1];
    expect(floorId).toBeTruthy();
    const put = (b: { cookie: string }, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/locations/${floorId}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", Cookie: b.cookie, ...headers },
        body: JSON.stringify({ capacity: 30 }),
      });

    expect(
      (await fetch(`${app.url}/api/locations/${floorId}`, { method: "PUT", body: JSON.stringify({ capacity: 30 }) }))
        .status,
    ).toBe(401);
    const viewer = browserFrom(await launch(app, fields(await mintLaunch(sim, { userId: "viewer2@example.com" }))));
    const refused = await put(viewer, { "X-CSRF-Token": viewer.csrf });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

    const admin = browserFrom(await launch(app, fields(await mintLaunch(sim, { userId: "boss@example.com" }))));
    const noToken = await put(admin);
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe("CSRF_FAILED");
    expect((await put(admin, { "X-CSRF-Token": admin.csrf, Origin: "https://attacker.example" })).status).toBe(403);
    expect((await put(admin, { "X-CSRF-Token": admin.csrf, Origin: app.url })).status).toBe(200);
  });

  it("a GET on the launch address explains where to start", async () => {
    const res = await fetch(`${app.url}/auth/appLogin`);
    expect(res.status).toBe(405);
    expect(await res.text()).toContain("Open Floorpulse from Cisco Spaces");
  });

  it("sends security headers with every page", async () => {
    const res = await fetch(`${app.url}/signin`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  it("slows down a burst of sign-in attempts", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const r = await fetch(`${app.url}/auth/login?client_id=x`);
      if (r.status === 429) limited = r;
    }
    expect(limited?.headers.get("content-type")).toContain("text/html");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.text()).toContain("Too many attempts");
  });

  it("still answers its health check and pages after every attempt above", async () => {
    await expectHealthy(app);
  });
});
