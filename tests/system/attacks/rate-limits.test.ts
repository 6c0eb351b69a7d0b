import { beforeAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { startApp } from "../../helpers/app-server";
import { appForSuite } from "../../helpers/suite-app";
import { mintLaunch, simulatorUrl } from "../../helpers/auth-http";
import { apiError, demoKioskToken, expectHealthy, firstFloor, socketAs } from "../../helpers/hostile";
import type { TestSocket } from "../../helpers/socket";
import { adminAccount } from "../../helpers/app-env";

// Rate limits as a stranger walks around them: rotating through the addresses of one's own IPv6 /64,
// spreading password guesses for one account over many addresses, flooding what a display link (or
// no credentials at all) can reach, and looping on socket events. The app sits behind one trusted
// proxy: the address that counts is the X-Forwarded-For entry the proxy appended (the right-most).

const ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };
const LIMITS = {
  RATE_LIMIT_AUTH_PER_MINUTE: 8,
  ACCOUNT_LOCKOUT_FAILURES: 4,
  RATE_LIMIT_DISPLAY_PER_MINUTE: 20,
  RATE_LIMIT_KIOSK_PER_MINUTE: 15,
  RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE: 6,
  RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: 30,
  RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE: 3,
};
const CLIENT_ID = "floorpulse";

describe("rate limits hold against a stranger who walks around them", () => {
  const app = appForSuite(() =>
    startApp({
      TRUST_PROXY: "true",
      ...adminAccount(ADMIN),
      OAUTH_CLIENT_ID: CLIENT_ID,
      OAUTH_CLIENT_SECRET: "the-real-client-secret-0123456789",
      ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
    }),
  );
  let floorId: string;
  let kioskToken: string;
  /** A second display link, for the flood that must not find the first one's budget spent. */
  let spareToken: string;

  beforeAll(async () => {
    // The demo visitor on this machine (no proxy header) makes a display link for the first floor.
    ({ floorId } = await firstFloor(app, { cookie: "", csrf: "" }));
    kioskToken = await demoKioskToken(app, floorId);
    spareToken = await demoKioskToken(app, floorId, "Café");
  });

  const signIn = (from: string, email: string, password: string) =>
    fetch(`${app.url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, "X-Forwarded-For": from },
      body: new URLSearchParams({ email, password, next: "/" }),
    });
  const expect429 = async (res: Response, what: string) => {
    expect(res.status, what).toBe(429);
    expect(Number(res.headers.get("retry-after")), what).toBeGreaterThanOrEqual(1);
  };

  it("rotating through one IPv6 /64, in any spelling, does not buy fresh attempts", async () => {
    const sameSlash64 = [
      "2001:db8:42:7::1",
      "2001:DB8:42:7::2",
      "2001:0db8:0042:0007:0000:0000:0000:0003",
      "[2001:db8:42:7::4]",
      "2001:db8:42:7:ffff:ffff:ffff:fffe",
      "2001:db8:42:7:1:2:3:4",
      "2001:db8:42:7::5:6",
      "2001:db8:42:0007:0::7",
      "2001:db8:42:7:abcd::9",
      "2001:db8:42:7::a",
      // A client writes what it likes to the left of the proxy's entry: ignored.
      "2001:db8:99:1::1, 2001:db8:42:7::b",
      "198.51.100.77,2001:db8:42:7::c",
    ];
    const statuses: number[] = [];
    for (const [i, from] of sameSlash64.entries()) {
      const res = await signIn(from, `nobody-${i}@example.com`, "wrong password");
      statuses.push(res.status);
      if (i >= LIMITS.RATE_LIMIT_AUTH_PER_MINUTE) await expect429(res, from);
    }
    expect(statuses).toEqual([
      ...Array(LIMITS.RATE_LIMIT_AUTH_PER_MINUTE).fill(303),
      ...Array(sameSlash64.length - LIMITS.RATE_LIMIT_AUTH_PER_MINUTE).fill(429),
    ]);
    // The neighbouring /64 is someone else.
    expect((await signIn("2001:db8:42:8::1", "nobody@example.com", "wrong password")).status).toBe(303);
  });

  it("an IPv4 client is the same client as its IPv4-mapped IPv6 spelling", async () => {
    const spellings = ["203.0.113.9", "::ffff:203.0.113.9", "::FFFF:203.0.113.9", "[::ffff:203.0.113.9]"];
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.RATE_LIMIT_AUTH_PER_MINUTE + 2; i++)
      statuses.push((await signIn(spellings[i % spellings.length]!, `n${i}@example.com`, "x")).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });

  it("guessing the OAuth client secret from many addresses runs out per client_id, in any spelling of it", async () => {
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
    const spellings: Array<{ body: Record<string, string>; authorization?: string }> = [
      { body: { client_id: CLIENT_ID, client_secret: "guess-1" } },
      { body: {}, authorization: basic(CLIENT_ID, "guess-2") },
      { body: {}, authorization: basic("floor%70ulse", "guess-3") }, // percent-encoded, as RFC 6749 allows
      { body: { client_id: CLIENT_ID }, authorization: basic(CLIENT_ID, "guess-4") },
    ];
    const seen: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < LIMITS.RATE_LIMIT_AUTH_PER_MINUTE + 2; i++) {
      const { body, authorization } = spellings[i % spellings.length]!;
      last = await fetch(`${app.url}/auth/token`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": `2001:db8:${(0x500 + i).toString(16)}::1`,
          ...(authorization ? { Authorization: authorization } : {}),
        },
        body: new URLSearchParams({ grant_type: "authorization_code", code: "c", redirect_uri: "https://x", ...body }),
      });
      seen.push(last.status);
    }
    expect(seen.slice(0, LIMITS.RATE_LIMIT_AUTH_PER_MINUTE)).toEqual(
      Array(LIMITS.RATE_LIMIT_AUTH_PER_MINUTE).fill(401),
    );
    expect(seen.slice(-2)).toEqual([429, 429]);
    await expect429(last!, "token");
    expect(await last!.json()).toMatchObject({ error: "slow_down" });
  });

  it("one Cisco Spaces user's valid launches, replayed from many addresses, run out per user", async () => {
    const sim = simulatorUrl(app);
    const seen: number[] = [];
    for (let i = 0; i < LIMITS.RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE + 2; i++) {
      // Distinct tokens (a launch token is single-use): each with its own lifetime.
      const userId = i % 2 ? "Viewer@Example.com" : "viewer@example.com";
      const token = await mintLaunch(sim, { userId, tenant: 0, ttlSeconds: 300 + i });
      const res = await fetch(`${app.url}/auth/appLogin`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `192.0.2.${100 + i}` },
        body: new URLSearchParams({ token }),
      });
      seen.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect(seen).toEqual([...Array(LIMITS.RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE).fill(303), 429, 429]);
  });

  it("a display link's status, read in a loop, runs out with 429 and Retry-After; so do guessed links", async () => {
    const status = (from: string, token: string) =>
      fetch(`${app.url}/api/kiosk/status`, { headers: { Authorization: `Bearer ${token}`, "X-Forwarded-For": from } });
    const seen: number[] = [];
    for (let i = 0; i < LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE + 3; i++)
      seen.push((await status("198.51.100.20", kioskToken)).status);
    expect(seen.slice(0, LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE)).toEqual(
      Array(LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE).fill(200),
    );
    const limited = await status("198.51.100.20", kioskToken);
    await expect429(limited, "status");
    expect(await apiError(limited)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    // Guessing links from another address: 401s, then 429.
    const guesses: number[] = [];
    for (let i = 0; i < LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE + 3; i++)
      guesses.push((await status("2001:db8:77:1::" + (i + 1).toString(16), `fpk_guess${i}`)).status);
    expect(new Set(guesses.slice(0, LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE))).toEqual(new Set([401]));
    expect(guesses.slice(-3)).toEqual([429, 429, 429]);
  });

  it("history and forecast with one display link run out per link, whatever the addresses", async () => {
    const paths = [`/api/history/${floorId}?range=day`, `/api/forecast/${floorId}`];
    const seen: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < LIMITS.RATE_LIMIT_KIOSK_PER_MINUTE + 3; i++) {
      // A fresh address (IPv4 or IPv6, each in its own /64) for every call.
      const from = i % 2 ? `192.0.2.${i + 1}` : `2001:db8:${(i + 1).toString(16)}:1::1`;
      last = await fetch(`${app.url}${paths[i % 2]}`, {
        headers: { Authorization: `Bearer ${kioskToken}`, "X-Forwarded-For": from },
      });
      seen.push(last.status);
    }
    expect(seen.slice(0, LIMITS.RATE_LIMIT_KIOSK_PER_MINUTE)).toEqual(
      Array(LIMITS.RATE_LIMIT_KIOSK_PER_MINUTE).fill(200),
    );
    expect(seen.slice(-3)).toEqual([429, 429, 429]);
    await expect429(last!, "history");
  });

  it("positions flooded without a session (no credentials, junk, a display link) run out per address", async () => {
    const tries: Array<Record<string, string>> = [
      {},
      { Authorization: "Bearer fpk_not-a-link" },
      { Authorization: "bearer " + "A".repeat(300) },
      { Cookie: "fp_session=forged; __Host-fp_session=forged" },
      { Authorization: `Bearer ${spareToken}` },
    ];
    const seen: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE + 3; i++) {
      last = await fetch(`${app.url}/api/locations/${floorId}/positions?at=${Date.now() - 60_000}`, {
        headers: { ...tries[i % tries.length], "X-Forwarded-For": "2001:db8:5:5::" + (i + 1).toString(16) },
      });
      seen.push(last.status);
    }
    expect(seen.slice(0, LIMITS.RATE_LIMIT_DISPLAY_PER_MINUTE).every((s) => s === 401 || s === 403)).toBe(true);
    expect(seen.slice(-3)).toEqual([429, 429, 429]);
    await expect429(last!, "positions");
  });

  it("opening socket after socket from one /64 is refused; another address still connects", async () => {
    const open: TestSocket[] = [];
    const connect = (from: string) =>
      new Promise<TestSocket | { message: string; data?: { retryAfterSec?: number } }>((resolve) => {
        const s: TestSocket = io(app.url, {
          transports: ["websocket"],
          reconnection: false,
          forceNew: true,
          extraHeaders: { "X-Forwarded-For": from },
          auth: { token: kioskToken },
        });
        s.once("connect", () => (open.push(s), resolve(s)));
        s.once("connect_error", (e) => (s.close(), resolve(e as never)));
      });
    try {
      for (let i = 0; i < LIMITS.RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE; i++)
        expect(await connect(`2001:db8:66:1::${i + 1}`)).toHaveProperty("connected", true);
      const refused = await connect("2001:db8:66:1:ffff::1");
      expect(refused).toMatchObject({ message: "rate limited" });
      expect((refused as { data: { retryAfterSec: number } }).data.retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(await connect("2001:db8:66:2::1")).toHaveProperty("connected", true);
    } finally {
      for (const s of open) s.close();
    }
  });

  it("a socket flooding watch events is told and disconnected; a normal client on the same floor is not", async () => {
    const normal = await socketAs(app, { token: kioskToken });
    const flooder = await socketAs(app, { token: kioskToken });
    try {
      const first = await normal.timeout(10_000).emitWithAck("floor:watch", floorId);
      expect(first).not.toHaveProperty("error");
      const told = new Promise<{ retryAfterSec: number }>((resolve) => flooder.once("rate:limited", resolve));
      const gone = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
      for (let i = 0; i < 200; i++) {
        if (i % 2) flooder.emit("floor:unwatch", floorId);
        else flooder.emit("floor:watch", floorId, () => {});
      }
      expect((await told).retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(await gone).toBe("io server disconnect");
      // The normal client, watching and unwatching at a person's pace, keeps its socket.
      for (let i = 0; i < 5; i++) {
        normal.emit("floor:unwatch", floorId);
        expect(await normal.timeout(10_000).emitWithAck("floor:watch", floorId)).not.toHaveProperty("error");
      }
      expect(normal.connected).toBe(true);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^floorpulse_realtime_socket_floods_total [1-9]/m);
      expect(metrics).toMatch(/^floorpulse_rate_limited_total\{limit="display"\} [1-9]/m);
    } finally {
      normal.close();
      flooder.close();
    }
  });

  it("guesses at one account spread over many addresses and spellings lock it, the right password included", async () => {
    const spellings = [ADMIN.email, "Admin@Example.com", ` ${ADMIN.email}`, `${ADMIN.email.toUpperCase()} `];
    for (const [i, email] of spellings.entries()) {
      const res = await signIn(i % 2 ? `192.0.2.${200 + i}` : `2001:db8:${900 + i}::1`, email, `guess ${i}`);
      expect(res.headers.get("location"), email).toMatch(/^\/signin\?error=credentials/);
    }
    const right = await signIn("2001:db8:abc::1", ADMIN.email, ADMIN.password);
    await expect429(right, "right password while locked");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(right.headers.getSetCookie()).toEqual([]);
    // Another account is not locked by it.
    expect((await signIn("2001:db8:abd::1", "someone-else@example.com", "x")).status).toBe(303);
    await expectHealthy(app);
  });
});
