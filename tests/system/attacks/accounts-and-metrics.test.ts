import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProcess, type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { launch, mintLaunch, signIn, simulatorUrl } from "../../helpers/auth-http";
import { launchAs, rawRequest } from "../../helpers/hostile";
import { adminAccount, launchAdmin } from "../../helpers/app-env";

// Accounts from outside: a planted second session cookie, a password changed because it leaked (the
// thief's session must end with it), a Cisco Spaces account launching with the e-mail of a local admin
// that no organisation owns yet, and /metrics reached through a proxy when no METRICS_TOKEN is set.

const ADMIN = { email: "owner@accounts.example", password: "correct horse battery" };

describe("accounts, cookies and /metrics", () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await bootApp({ ...launchAdmin("boss@accounts.example"), ...adminAccount(ADMIN) });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const kiosks = (cookie: string) => fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: cookie } });

  it("a second cookie of the session's name, before or after the real one, leaves no session", async () => {
    const b = await launchAs(app, "boss@accounts.example");
    const session = b.cookie.split("; ").find((c) => c.startsWith("fp_session="))!;
    expect((await kiosks(session)).status).toBe(200);
    for (const cookie of [
      `${session}; fp_session=planted`,
      `fp_session=planted; ${session}`,
      `${session}; ${session}`,
      `${session}; theme=dark; fp_session=`,
    ]) {
      expect((await kiosks(cookie)).status, cookie).toBe(401);
    }
  });

  it("changing a password signs out every session that knew the old one", async () => {
    const thief = await signIn(app, ADMIN.email, ADMIN.password);
    const owner = await signIn(app, ADMIN.email, ADMIN.password);
    const me = (b: { cookie: string }) => fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: b.cookie } });
    // The local admin has no organisation yet: a session without one still counts as signed in (not 401).
    const before = [(await me(thief)).status, (await me(owner)).status];
    expect(before).not.toContain(401);
    const cli = await startProcess(
      ["scripts/user.ts", "password", "--email", ADMIN.email],
      { DATABASE_URL: `file:${app.dir}/floorpulse.db` },
      /\(shown once\): (\S+)/,
    );
    const fresh = cli.ready;
    await cli.stop();
    expect((await me(thief)).status).toBe(401);
    expect((await me(owner)).status).toBe(401);
    await expect(signIn(app, ADMIN.email, ADMIN.password)).rejects.toThrow();
    expect((await me(await signIn(app, ADMIN.email, fresh))).status).not.toBe(401);
  });

  it("a Cisco Spaces account launching with a local admin's e-mail does not take the account over", async () => {
    for (const userId of [ADMIN.email, ADMIN.email.toUpperCase(), ` ${ADMIN.email}`]) {
      const res = await launch(app, { token: await mintLaunch(simulatorUrl(app), { userId, tenant: 0 }) });
      expect(res.status, userId).not.toBe(303);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("fp_session=") && !c.startsWith("fp_session=;"))).toBe(
        false,
      );
    }
  });

  it("/metrics without METRICS_TOKEN answers only a scraper on this machine that no proxy relayed", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    for (const headers of <Array<Record<string, string>>>[
      { "X-Forwarded-For": "203.0.113.9" },
      { "X-Forwarded-For": "127.0.0.1, 203.0.113.9" },
      { "X-Real-IP": "127.0.0.1" },
      { Forwarded: "for=127.0.0.1" },
      { Via: "1.1 proxy" },
      { "X-Forwarded-Host": "metrics.example.com" },
    ]) {
      expect((await fetch(`${app.url}/metrics`, { headers })).status, JSON.stringify(headers)).toBe(401);
    }
    expect((await rawRequest(app.url, { path: "/metrics", headers: { "X-Forwarded-Proto": "https" } })).status).toBe(
      401,
    );
  });
});
