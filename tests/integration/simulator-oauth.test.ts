import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import oauth from "../fixtures/simulator/oauth.json";
import { clockAt, json, parse, readStream } from "../helpers/stream-reader";
import { createSimulator, type Simulator } from "@/simulator/server";

// The OAuth activation driver playing Cisco Spaces against a partner app (here a small real HTTP
// server with the Cisco test site's paths, since the driver is what is under test).

interface Seen {
  login?: URLSearchParams;
  tokenContentType?: string;
  token?: URLSearchParams;
  appInfoAuth?: string;
  appInfoQuery?: URLSearchParams;
}

let sim: Simulator;
let partner: Server;
let partnerUrl: string;
let seen: Seen = {};
const behaviour = { tokenStatus: 200, appInfoTenant: null as string | null };
const SCOPE = "acme-tenant-77";

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString()));
    req.on("end", () => resolve(s));
  });

beforeAll(async () => {
  sim = await createSimulator({ seed: 13, now: clockAt(15) });
  partner = createServer(async (req, res) => {
    const url = new URL(req.url!, "http://partner");
    if (url.pathname === oauth.testSiteDefaults.loginPath) {
      seen.login = url.searchParams;
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", "C8AB554D6F804B8EB6246D44D3DE4B46");
      back.searchParams.set("state", url.searchParams.get("state")!);
      return void res.writeHead(302, { Location: back.toString() }).end();
    }
    if (url.pathname === oauth.testSiteDefaults.tokenPath) {
      seen.tokenContentType = req.headers["content-type"];
      seen.token = new URLSearchParams(await body(req));
      if (behaviour.tokenStatus !== 200)
        return void res
          .writeHead(behaviour.tokenStatus, { "Content-Type": "application/json" })
          .end('{"error":"invalid_client"}');
      return void res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ access_token: "eyJhbGciOi.partner.jwt", token_type: "Bearer", scope: SCOPE }));
    }
    if (url.pathname === oauth.testSiteDefaults.appInfoPath) {
      seen.appInfoAuth = req.headers.authorization;
      seen.appInfoQuery = url.searchParams;
      return void res.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          partnerTenantId: behaviour.appInfoTenant ?? url.searchParams.get("partnerTenantId"),
          userEmail: "admin@acme.example",
          supportEmail: "support@acme.example",
        }),
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => partner.listen(0, "127.0.0.1", () => r()));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim?.close();
  partner?.close();
});

/** Starts a run and follows the browser's redirects through the partner back to the simulator. */
async function activateThroughBrowser() {
  seen = {};
  const start = await fetch(`${sim.url}/admin/oauth/start`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      partnerAppUrl: partnerUrl,
      clientId: oauth.testSiteDefaults.clientId,
      clientSecret: "31e08c21136c9102cdee",
      tenant: 1,
    }),
  });
  expect(start.status).toBe(201);
  const run = await json<{ id: string; authorizeUrl: string; state: string }>(start);
  const login = await fetch(run.authorizeUrl, { redirect: "manual" });
  expect(login.status).toBe(302);
  const callback = await fetch(login.headers.get("location")!, { headers: { Accept: "application/json" } });
  return {
    run,
    callback,
    result: await json<{
      status: string;
      steps: Array<{ step: string; ok: boolean; status?: number }>;
      partnerTenantId: string | null;
    }>(callback),
  };
}

describe("the OAuth activation driver", () => {
  it("runs the documented flow against the partner's OAuth Login, Token and App Info URLs", async () => {
    const before = clockAt(15)();
    const { run, callback, result } = await activateThroughBrowser();
    expect([...seen.login!.keys()].sort()).toEqual([...oauth.authorizeQuery].sort());
    expect(seen.login!.get("response_type")).toBe(oauth.responseType);
    expect(seen.login!.get("client_id")).toBe(oauth.testSiteDefaults.clientId);
    expect(new URL(seen.login!.get("redirect_uri")!).pathname).toBe(oauth.redirectPath);
    expect(seen.login!.get("state")).toBe(run.state);

    expect(seen.tokenContentType).toBe(oauth.tokenRequest.contentType);
    expect([...seen.token!.keys()].sort()).toEqual([...oauth.tokenRequest.fields].sort());
    expect(seen.token!.get("grant_type")).toBe(oauth.tokenRequest.grantType);
    expect(seen.token!.get("client_secret")).toBe("31e08c21136c9102cdee");
    expect(seen.token!.get("redirect_uri")).toBe(seen.login!.get("redirect_uri"));

    expect(seen.appInfoAuth).toBe("Bearer eyJhbGciOi.partner.jwt");
    expect(seen.appInfoQuery!.get("partnerTenantId")).toBe(SCOPE);

    expect(callback.status).toBe(200);
    expect(result.status).toBe("succeeded");
    expect(result.steps.map((s) => s.step)).toEqual(["authorize", "callback", "token", "appInfo", "activate"]);
    expect(result.partnerTenantId).toBe(SCOPE);

    const stream = await readStream(sim.url, sim.partnerKey, {
      from: before,
      until: (l) =>
        l.some((x) => x.includes("APP_ACTIVATION")) &&
        l.some((x) => x.includes(`"partnerTenantId":"${SCOPE}","eventType":"DEVICE`)),
      maxMs: 10_000,
    });
    const records = parse(stream.lines);
    const app = records.find((r) => r.eventType === "APP_ACTIVATION")!;
    expect(app.partnerTenantId).toBe(SCOPE);
    expect((app.appActivation as { partnerTenantId: string }).partnerTenantId).toBe(SCOPE);
    expect(records.some((r) => r.partnerTenantId === SCOPE && r.eventType !== "APP_ACTIVATION")).toBe(true);
  });

  it("reports the failing step when the token URL refuses", async () => {
    behaviour.tokenStatus = 401;
    try {
      const { run, callback, result } = await activateThroughBrowser();
      expect(callback.status).toBe(502);
      expect(result.status).toBe("failed");
      expect(result.steps.at(-1)).toMatchObject({ step: "token", ok: false, status: 401 });
      const stored = await json<{ status: string }>(await fetch(`${sim.url}/admin/oauth/runs/${run.id}`));
      expect(stored.status).toBe("failed");
    } finally {
      behaviour.tokenStatus = 200;
    }
  });

  it("reports a failure when App Info names another tenant than the token's scope", async () => {
    behaviour.appInfoTenant = "someone-else";
    try {
      const { result } = await activateThroughBrowser();
      expect(result.steps.at(-1)).toMatchObject({ step: "appInfo", ok: false });
    } finally {
      behaviour.appInfoTenant = null;
    }
  });

  it("refuses a redirect whose state it did not issue", async () => {
    const res = await fetch(`${sim.url}${oauth.redirectPath}?code=abc&state=FORGED`);
    expect(res.status).toBe(400);
  });

  it("needs the partner's URLs to start", async () => {
    const res = await fetch(`${sim.url}/admin/oauth/start`, {
      method: "POST",
      body: JSON.stringify({ loginUrl: "ftp://x" }),
    });
    expect(res.status).toBe(400);
  });
});
