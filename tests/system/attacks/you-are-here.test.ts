import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { issueHereToken } from "@/lib/auth/here-links";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import { simulatorUrl } from "../../helpers/auth-http";
import { apiError, expectHealthy, firstFloor } from "../../helpers/hostile";

// "You are here" behind a venue's reverse proxy. The QR code on a lobby screen is a photograph away from
// anyone, so: the address that picks the phone to locate is the one the proxy saw (a client writes
// whatever it likes to the left of X-Forwarded-For), the code carries a short-lived token of its own
// rather than the display's link, and one code cannot be turned into a locator for the whole venue
// by asking from many addresses.

const DATA_KEY = randomBytes(32);
const STRANGER = "10.250.0.7"; // an address the venue's Wi-Fi does not know

describe("You are here cannot be turned into a locator", () => {
  let app: AppServer;
  let kiosk: { token: string; kiosk: { id: string } };
  let phoneIp: string;

  beforeAll(async () => {
    app = await bootApp({
      TRUST_PROXY: "true",
      DATA_KEY: DATA_KEY.toString("base64"),
      RATE_LIMIT_HERE_PER_KIOSK_PER_MINUTE: "12",
    });
    const { floorId } = await firstFloor(app, { cookie: "", csrf: "" });
    const res = await fetch(`${app.url}/api/kiosk-tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: app.url },
      body: JSON.stringify({ locationId: floorId, label: "Lobby" }),
    });
    expect(res.status).toBe(201);
    kiosk = (await res.json()) as typeof kiosk;
    // A phone the venue's Wi-Fi sees right now, placed on that floor.
    const sim = simulatorUrl(app);
    await vi.waitFor(
      async () => {
        const occ = (await (await fetch(`${sim}/admin/occupancy?tenant=0`)).json()) as {
          devices: Array<{ ipv4: string; sendsLocation: boolean; filtered: boolean; floorId: string }>;
        };
        phoneIp = occ.devices.find((d) => d.sendsLocation && !d.filtered && d.floorId === floorId)?.ipv4 ?? "";
        if (!phoneIp) throw new Error("no phone on the floor yet");
      },
      { timeout: 30_000, interval: 500 },
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  const hereCode = async () => {
    const res = await fetch(`${app.url}/api/kiosk/here-link`, { headers: { Authorization: `Bearer ${kiosk.token}` } });
    expect(res.status).toBe(200);
    const code = (await res.json()) as { url: string; expiresAt: number };
    return { ...code, token: code.url.split("/here/")[1]! };
  };
  const ask = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/here`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

  it("the code on the screen is not the display's link, and the display's link does not locate anyone", async () => {
    const code = await hereCode();
    expect(code.url).not.toContain(kiosk.token);
    expect(code.expiresAt - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    const page = await (await fetch(`${app.url}/kiosk/${kiosk.token}`)).text();
    expect(page).not.toContain(`/here/${kiosk.token}`);
    expect(await apiError(await ask(kiosk.token, { "X-Forwarded-For": phoneIp }))).toMatchObject({ status: 401 });
    expect((await fetch(`${app.url}/here/${kiosk.token}`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/here/${kiosk.token}`)).text()).toContain("This link is not valid");
  });

  it("the proxy's view of the address picks the phone, never what the client wrote to its left", async () => {
    const { token } = await hereCode();
    // The genuine case: the proxy appended the phone's address.
    await expect
      .poll(
        async () => ((await (await ask(token, { "X-Forwarded-For": phoneIp })).json()) as { state: string }).state,
        { timeout: 20_000 },
      )
      .toBe("here");
    // A stranger writes the phone's address itself, in every spelling a proxy passes along; the proxy appends the stranger's.
    for (const headers of <Array<Record<string, string>>>[
      { "X-Forwarded-For": `${phoneIp}, ${STRANGER}` },
      { "X-Forwarded-For": `${phoneIp},${STRANGER}` },
      { "X-Forwarded-For": `  ${phoneIp} ,  ${STRANGER}` },
      { "X-Forwarded-For": `::ffff:${phoneIp}, ${STRANGER}` },
      { "X-Forwarded-For": STRANGER, "X-Real-IP": phoneIp },
      { "X-Forwarded-For": STRANGER, Forwarded: `for=${phoneIp}` },
      { "X-Forwarded-For": STRANGER, "X-Client-IP": phoneIp, "True-Client-IP": phoneIp },
    ]) {
      const res = await ask(token, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(((await res.json()) as { state: string }).state, JSON.stringify(headers)).toBe("not-on-network");
    }
  });

  it("refuses forged, spliced and expired codes", async () => {
    const { token } = await hereCode();
    const [kioskPart, exp, mac] = token.split(".");
    const forged = [
      `${kioskPart}.${exp}.${"A".repeat(24)}`, // made-up signature
      `${kioskPart}.${(parseInt(exp!, 36) + 86_400).toString(36)}.${mac}`, // lifetime stretched by a day
      `fph_someone-elses-kiosk.${exp}.${mac}`, // signature moved to another link
      `${token}=`,
      `${token}.`,
      token.toUpperCase(),
      issueHereToken(randomBytes(32), kiosk.kiosk.id, Date.now()).token, // signed with another key
      issueHereToken(DATA_KEY, kiosk.kiosk.id, Date.now() - 3_600_000).token, // a genuine code photographed an hour ago
    ];
    for (const t of forged) {
      expect((await ask(t, { "X-Forwarded-For": phoneIp })).status, t).toBe(401);
      expect((await fetch(`${app.url}/api/maps/any/image?kiosk=${encodeURIComponent(t)}`)).status, t).toBe(401);
    }
    expect(
      await (
        await fetch(`${app.url}/here/${issueHereToken(DATA_KEY, kiosk.kiosk.id, Date.now() - 3_600_000).token}`)
      ).text(),
    ).toContain("This code has expired");
  });

  it("one code cannot step through the venue's addresses: the link has a budget of its own, whatever the addresses", async () => {
    const { token } = await hereCode();
    let limited: Response | undefined;
    let i = 0;
    for (; i < 40 && !limited; i++) {
      const r = await ask(token, { "X-Forwarded-For": `10.16.${Math.floor(i / 250)}.${(i % 250) + 1}` });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited, "no 429 after 40 addresses").toBeDefined();
    expect(i).toBeLessThanOrEqual(14);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expectHealthy(app);
  });

  it("addresses of one IPv6 /64 share one budget (rotating through one's own prefix buys nothing)", async () => {
    // The sign-in pages are limited per address (RATE_LIMIT_AUTH_PER_MINUTE, 60 by default).
    let limited = false;
    for (let i = 1; i <= 80 && !limited; i++) {
      const r = await fetch(`${app.url}/auth/login`, {
        headers: { "X-Forwarded-For": `2001:db8:7:9:${i.toString(16)}::${(i * 7).toString(16)}` },
      });
      limited = r.status === 429;
    }
    expect(limited).toBe(true);
  });
});
