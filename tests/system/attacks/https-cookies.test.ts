import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { freePort, removeDir, startProcess, tempDir, type AppServer } from "../../helpers/app-server";
import { launch, mintLaunch, simulatorUrl } from "../../helpers/auth-http";

// Over https, a sibling subdomain (or any plain-http page on the same name) can plant cookies for our
// host. The session and CSRF cookies are therefore __Host- cookies there, and a plain-named session
// cookie, however valid its token, is not believed.

describe("cookies of an https install", () => {
  let app: AppServer;
  let token: string;

  beforeAll(async () => {
    // It announces its public https address, so it listens on a port chosen here (startApp waits for an http one).
    const dir = tempDir();
    const port = await freePort();
    const env = {
      PORT: String(port),
      SIMULATOR_PORT: "0",
      DATABASE_URL: `file:${join(dir, "floorpulse.db")}`,
      PUBLIC_URL: "https://floorpulse.test",
      DEMO_MODE: "off",
      LAUNCH_ADMIN_EMAILS: "boss@https.example",
    };
    const p = await startProcess(["server.ts"], env, /Floorpulse ready on (https:\/\/\S+)/);
    app = {
      url: `http://127.0.0.1:${port}`,
      dir,
      output: p.output,
      waitFor: p.waitFor,
      stop: async () => (await p.stop(), removeDir(dir), 0),
    };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const kiosks = (cookie: string) => fetch(`${app.url}/api/kiosk-tokens`, { headers: { Cookie: cookie } });

  it("are set as __Host- cookies: Secure, Path=/, no Domain", async () => {
    const res = await launch(app, {
      token: await mintLaunch(simulatorUrl(app), { userId: "boss@https.example", tenant: 0 }),
    });
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie();
    expect(set.map((c) => c.split("=")[0]).sort()).toEqual(["__Host-fp_csrf", "__Host-fp_session"]);
    for (const c of set) {
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/; Path=\//);
      expect(c).not.toMatch(/domain=/i);
    }
    token = set
      .find((c) => c.startsWith("__Host-fp_session="))!
      .split(";")[0]!
      .split("=")[1]!;
    expect((await kiosks(`__Host-fp_session=${token}`)).status).toBe(200);
  });

  it("believe no plain-named or doubled session cookie", async () => {
    for (const cookie of [
      `fp_session=${token}`,
      `FP_SESSION=${token}`,
      `__host-fp_session=${token}`,
      `__Host-fp_session=${token}; __Host-fp_session=planted`,
      `__Host-fp_session=planted; __Host-fp_session=${token}`,
    ]) {
      expect((await kiosks(cookie)).status, cookie).toBe(401);
    }
    // A planted plain cookie beside ours changes nothing.
    expect((await kiosks(`fp_session=planted; __Host-fp_session=${token}`)).status).toBe(200);
  });
});
