import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { type AppServer } from "../../helpers/app-server";
import { bootApp } from "../../helpers/app-in-process";
import type { Browser } from "../../helpers/auth-http";
import { launchAs } from "../../helpers/hostile";

// A signed-in browser's socket, from outside: another site's page riding the session cookie into a
// live stream (cross-site WebSocket hijacking), and a socket that keeps streaming after its session
// ended: signed out, the user removed, demoted. Each must be refused or ended within seconds.

describe("sockets follow their session", () => {
  let app: AppServer;
  let db: Db;

  beforeAll(async () => {
    app = await bootApp({ DEMO_MODE: "off", LAUNCH_ADMIN_EMAILS: "boss@sockets.example,chief@sockets.example" });
    db = createDb(`file:${app.dir}/floorpulse.db`);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
  });

  const open = (b: Browser, headers: Record<string, string> = {}) => {
    const s: Socket = io(app.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: { Cookie: b.cookie, ...headers },
    });
    return new Promise<{ s: Socket; outcome: string }>((resolve) => {
      s.once("connect", () => resolve({ s, outcome: "connected" }));
      s.once("connect_error", (e) => (s.close(), resolve({ s, outcome: `refused: ${e.message}` })));
    });
  };
  /** Opens a socket and records when the server ends it. */
  const watched = async (b: Browser) => {
    const { s, outcome } = await open(b, { Origin: app.url });
    expect(outcome).toBe("connected");
    const seen = { ended: false, disconnected: false };
    s.on("session:ended", () => (seen.ended = true));
    s.on("disconnect", () => (seen.disconnected = true));
    return { s, seen };
  };

  it("a session cookie opens no socket from another site's page, in any spelling of Origin", async () => {
    const admin = await launchAs(app, "boss@sockets.example");
    for (const origin of [
      "https://attacker.example",
      "null",
      `http://127.0.0.1.attacker.example:${new URL(app.url).port}`,
      "http://localhost.attacker.example",
      "file://",
      "not a url",
    ]) {
      const { outcome } = await open(admin, { Origin: origin });
      expect(outcome, origin).toMatch(/^refused/);
    }
    const { outcome: crossSite } = await open(admin, { Origin: app.url, "Sec-Fetch-Site": "cross-site" });
    expect(crossSite).toMatch(/^refused/);
    // Our own page (and a client that is no browser on another site) still gets in.
    for (const headers of <Array<Record<string, string>>>[{ Origin: app.url }, {}]) {
      const { s, outcome } = await open(admin, headers);
      expect(outcome, JSON.stringify(headers)).toBe("connected");
      s.close();
    }
  });

  it("signing out ends the session's sockets within seconds", async () => {
    const b = await launchAs(app, "viewer@sockets.example");
    const { s, seen } = await watched(b);
    const out = await fetch(`${app.url}/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: b.cookie, Origin: app.url },
    });
    expect(out.status).toBe(303);
    await vi.waitFor(() => expect(seen).toEqual({ ended: true, disconnected: true }), {
      timeout: 15_000,
      interval: 200,
    });
    s.close();
  });

  it("removing the user, or demoting them, ends their sockets within seconds", async () => {
    const removed = await launchAs(app, "temp@sockets.example");
    const a = await watched(removed);
    await db.user.deleteMany({ where: { email: "temp@sockets.example" } });
    await vi.waitFor(() => expect(a.seen.disconnected).toBe(true), { timeout: 15_000, interval: 200 });
    a.s.close();

    const demoted = await launchAs(app, "chief@sockets.example");
    const d = await watched(demoted);
    await db.user.updateMany({ where: { email: "chief@sockets.example" }, data: { role: "viewer" } });
    await vi.waitFor(() => expect(d.seen).toEqual({ ended: true, disconnected: true }), {
      timeout: 15_000,
      interval: 200,
    });
    d.s.close();
    // Reconnecting is allowed, as what the user is now.
    const { s, outcome } = await open(demoted, { Origin: app.url });
    expect(outcome).toBe("connected");
    s.close();
  });
});
