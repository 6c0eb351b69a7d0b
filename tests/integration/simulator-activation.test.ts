import { createPublicKey } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import activation from "../fixtures/simulator/activation.json";
import payloads from "../fixtures/simulator/payloads.json";
import { clockAt, json, parse, readStream } from "../helpers/stream-reader";
import { createSimulator, type Simulator } from "@/simulator/server";

// Keys, tokens and every documented activation outcome, with the exact messages of the guide.

let sim: Simulator;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const mint = async (body: Record<string, unknown> = {}) =>
  (await json<{ token: string }>(await post("/admin/tokens/activation", body))).token;
const activate = (token: string, body?: Record<string, unknown>, path = activation.paths.singleTenant) => {
  const c = decodeJwt(token);
  return post(
    path,
    body ?? { appId: c.appId, activationRefId: c.activationRefId, appDashboardUrl: "https://app.example/dash" },
    { Authorization: `Bearer ${token}` },
  );
};
const fill = (s: string, appId: string) => s.replace("{appId}", appId);

beforeAll(async () => {
  sim = await createSimulator({ seed: 3, now: clockAt(10), tickMs: 1000 });
});
afterAll(async () => {
  await sim?.close();
});

describe("partnerPublicKey", () => {
  it("lists keys v1 and v2 in the documented envelope, as base64 DER public keys", async () => {
    const res = await fetch(`${sim.url}${activation.paths.publicKeys}`);
    const body = await json<{ status: boolean; message: string; data: Array<{ version: string; publicKey: string }> }>(
      res,
    );
    expect(res.status).toBe(200);
    expect(body.status).toBe(activation.publicKeys.status);
    expect(body.message).toBe(activation.publicKeys.message);
    expect(body.data.map((k) => k.version)).toEqual(["v1", "v2"]);
    for (const k of body.data) {
      expect(Object.keys(k).sort()).toEqual([...activation.publicKeys.itemKeys].sort());
      expect(
        createPublicKey({ key: Buffer.from(k.publicKey, "base64"), format: "der", type: "spki" }).asymmetricKeyType,
      ).toBe("rsa");
    }
  });

  it("serves one version, and says so when a version does not exist", async () => {
    const res = await fetch(`${sim.url}${activation.paths.publicKey.replace("{version}", "v2")}`);
    const body = await json<{ status: boolean; message: string; data: { version: string } }>(res);
    expect(body.message).toBe(activation.publicKey.message);
    expect(Object.keys(body.data).sort()).toEqual([...activation.publicKey.dataKeys].sort());
    expect(body.data.version).toBe("v2");
    expect((await fetch(`${sim.url}${activation.paths.publicKey.replace("{version}", "v9")}`)).status).toBe(404);
  });
});

describe("tokens", () => {
  it("mints activation tokens with the documented claims, RS256 with the chosen key", async () => {
    const token = await mint({ keyVersion: "v2" });
    expect(decodeProtectedHeader(token)).toEqual(activation.jwtHeader);
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual([...activation.activationTokenClaims].sort());
    expect(claims.version).toBe("v2");
    expect(claims.baseUrl).toBe(sim.url);
    expect(claims.expiresIn).toBe((claims.exp as number) * 1000);
    for (const k of activation.activationTokenClaims)
      expect(typeof claims[k]).toBe(typeof (activation.activationTokenSample as Record<string, unknown>)[k]);
    const keys = await json<{ data: Array<{ version: string; publicKey: string }> }>(
      await fetch(`${sim.url}${activation.paths.publicKeys}`),
    );
    const pem = `-----BEGIN PUBLIC KEY-----\n${keys.data[1]!.publicKey}\n-----END PUBLIC KEY-----`;
    await expect(
      jwtVerify(token, await importSPKI(pem, "RS256"), { currentDate: new Date(clockAt(10)()) }),
    ).resolves.toBeTruthy();
  });

  it("mints app-tile launch tokens with the documented claims", async () => {
    const { token } = await json<{ token: string }>(await post("/admin/tokens/launch", { userId: "ada@example.com" }));
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual([...activation.launchTokenClaims].sort());
    expect(claims.userId).toBe("ada@example.com");
    expect(claims.appId).toBe(sim.appId);
  });

  it("shifts iat and exp under a clock-skew fault", async () => {
    const plain = decodeJwt(await mint());
    const fault = await json<{ id: string }>(await post("/admin/faults", { type: "skew", skewSeconds: 600 }));
    const skewed = decodeJwt(await mint());
    await fetch(`${sim.url}/admin/faults/${fault.id}`, { method: "DELETE" });
    expect((skewed.iat as number) - (plain.iat as number)).toBeGreaterThanOrEqual(600);
    expect((skewed.iat as number) - (plain.iat as number)).toBeLessThan(660);
  });
});

describe("activation outcomes", () => {
  it("activates with a fresh token and returns an API key", async () => {
    const res = await activate(await mint());
    const body = await json<{ status: boolean; message: string; data: { apiKey: string } }>(res);
    expect(res.status).toBe(200);
    expect(body.status).toBe(true);
    expect(body.message).toBe(activation.responses.success.message);
    expect(Object.keys(body.data)).toEqual(activation.responses.success.dataKeys);
    expect(body.data.apiKey.length).toBeGreaterThan(20);
  });

  it("activates an on-premise app the same way", async () => {
    const token = await mint();
    const c = decodeJwt(token);
    const res = await activate(
      token,
      { appId: c.appId, activationRefId: c.activationRefId, instanceName: "Lab rack 2" },
      activation.paths.onPrem,
    );
    expect((await json(res)).message).toBe(activation.responses.success.message);
  });

  it("deactivates the app when the same token is used again", async () => {
    const token = await mint();
    const first = await json<{ data: { apiKey: string } }>(await activate(token));
    const again = await activate(token);
    expect(await json(again)).toEqual({
      ...activation.responses.reused,
      message: fill(activation.responses.reused.message, sim.appId),
    });
    expect((await readStream(sim.url, first.data.apiKey, { maxMs: 2000 })).status).toBe(401);
  });

  it("refuses a tampered token, a wrong activationRefId and a missing token as invalid", async () => {
    const token = await mint();
    const [h, p, s] = token.split(".");
    const tampered = `${h}.${p}.${s!.slice(0, -6)}AAAAAA`;
    const c = decodeJwt(token);
    for (const res of [
      await activate(tampered),
      await activate(token, { appId: c.appId, activationRefId: "0000" }),
      await post(activation.paths.singleTenant, { appId: c.appId, activationRefId: c.activationRefId }),
    ]) {
      expect(await json(res)).toEqual(activation.responses.invalid);
    }
  });

  it("refuses an expired token", async () => {
    expect(await json(await activate(await mint({ ttlSeconds: -30 })))).toEqual(activation.responses.expired);
  });

  it("refuses a token of another region with the documented message", async () => {
    const res = await activate(await mint({ baseUrl: "https://partners.dnaspaces.eu" }));
    expect(await json(res)).toEqual({
      ...activation.responses.region,
      message: fill(activation.responses.region.message, sim.appId),
    });
  });
});

describe("the activation lifecycle in the stream", () => {
  it("sends APP_ACTIVATION for a new activation, and APP_DE_ACTIVATION then ends the stream when it is deleted", async () => {
    const before = clockAt(10)();
    const token = await mint();
    const ref = decodeJwt(token).activationRefId as string;
    const { data } = await json<{ data: { apiKey: string } }>(await activate(token));
    // The activation's APP_ACTIVATION is on the stream before the activation is deleted.
    let announced!: () => void;
    const activated = new Promise<void>((r) => (announced = r));
    const reading = readStream(sim.url, data.apiKey, {
      from: before - 2000,
      maxMs: 15_000,
      onLine: (l) => l.includes('"APP_ACTIVATION"') && announced(),
    });
    await activated;
    const del = await fetch(`${sim.url}/admin/activations/${ref}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    const read = await reading;
    expect(read.status).toBe(200);
    expect(read.ended).toBe(true);
    const records = parse(read.lines);
    const app = records.find((r) => r.eventType === "APP_ACTIVATION")!;
    expect(Object.keys(app.appActivation as object).sort()).toEqual([...payloads.APP_ACTIVATION].sort());
    expect((app.appActivation as { referenceId: string }).referenceId).toBe(ref);
    expect(records.at(-1)!.eventType).toBe("APP_DE_ACTIVATION");
    expect((records.at(-1)!.appDeActivation as { referenceId: string }).referenceId).toBe(ref);
    expect((await readStream(sim.url, data.apiKey, { maxMs: 2000 })).status).toBe(401);
  });

  it("carries several tenants on the partner key, and stops one tenant's records when its activation is deleted", async () => {
    const acts = await json<{
      activations: Array<{ ref: string; kind: string; tenant: number; deletedAt: number | null }>;
    }>(await fetch(`${sim.url}/admin/activations`));
    const branch = acts.activations.find((a) => a.kind === "oauth" && a.tenant === 1 && a.deletedAt === null)!;
    const tenants = (lines: string[]) => new Set(parse(lines).map((r) => r.partnerTenantId));
    const first = await readStream(sim.url, sim.partnerKey, {
      from: clockAt(10)() - 30_000,
      until: (l) => tenants(l).size >= 2,
      maxMs: 10_000,
    });
    expect(tenants(first.lines).size).toBe(2);
    await fetch(`${sim.url}/admin/activations/${branch.ref}`, { method: "DELETE" });
    const after = clockAt(10)() + 1000;
    const second = await readStream(sim.url, sim.partnerKey, { from: after - 5000, maxMs: 4000 });
    const recs = parse(second.lines);
    const gone = recs.find((r) => r.eventType === "APP_DE_ACTIVATION")!;
    expect(gone).toBeTruthy();
    const branchId = gone.partnerTenantId;
    expect(recs.filter((r) => r.partnerTenantId === branchId && r.recordTimestamp > gone.recordTimestamp)).toEqual([]);
    expect(recs.some((r) => r.partnerTenantId !== branchId && r.recordTimestamp > gone.recordTimestamp)).toBe(true);
  });
});

describe("API keys across restarts", () => {
  it("accepts a key it issued before a restart with the same seed, and not with another seed", async () => {
    const a = await createSimulator({ seed: 42 });
    const token = await a.mintActivationToken();
    const c = decodeJwt(token);
    const res = await fetch(`${a.url}${activation.paths.singleTenant}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ appId: c.appId, activationRefId: c.activationRefId }),
    });
    const { data } = await json<{ data: { apiKey: string } }>(res);
    await a.close();
    const b = await createSimulator({ seed: 42 });
    const other = await createSimulator({ seed: 43 });
    try {
      expect((await readStream(b.url, data.apiKey, { maxMs: 1500 })).status).toBe(200);
      expect((await readStream(other.url, data.apiKey, { maxMs: 1500 })).status).toBe(401);
    } finally {
      await b.close();
      await other.close();
    }
  });
});

describe("the launch helper", () => {
  let dashboard: Server;
  let received: Promise<{ contentType: string; body: URLSearchParams }>;
  beforeAll(async () => {
    received = new Promise((resolve) => {
      dashboard = createServer((req, res) => {
        let text = "";
        req.on("data", (c: Buffer) => (text += c.toString()));
        req.on("end", () => {
          resolve({ contentType: req.headers["content-type"] ?? "", body: new URLSearchParams(text) });
          res.writeHead(303, { Location: "/dashboard" }).end();
        });
      });
    });
    await new Promise<void>((r) => dashboard.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(() => dashboard?.close());

  it("serves a page that POSTs token, version and appId to the dashboard URL as a browser form would", async () => {
    const target = `http://127.0.0.1:${(dashboard.address() as AddressInfo).port}/auth/appLogin`;
    const res = await fetch(
      `${sim.url}/admin/launch?dashboardUrl=${encodeURIComponent(target)}&userId=ada@example.com&keyVersion=v2`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="${target}"`);
    expect(html).toMatch(/method="POST"/);
    expect(html).toMatch(/\.submit\(\)/);
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(fields).sort()).toEqual([...activation.launchPostFields].sort());
    // Submit the form the way the page's script does.
    await fetch(target, {
      method: "POST",
      body: new URLSearchParams(fields as Record<string, string>),
      redirect: "manual",
    });
    const got = await received;
    expect(got.contentType).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(got.body.get("version")).toBe("v2");
    expect(got.body.get("appId")).toBe(sim.appId);
    expect(decodeJwt(got.body.get("token")!).userId).toBe("ada@example.com");
  });

  it("refuses a dashboard URL that is not http(s)", async () => {
    expect(
      (await fetch(`${sim.url}/admin/launch?dashboardUrl=${encodeURIComponent("javascript:alert(1)")}`)).status,
    ).toBe(400);
  });
});
