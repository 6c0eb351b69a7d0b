import { io } from "socket.io-client";
import { expect } from "vitest";
import type { LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { browserFrom, type Browser } from "./auth-http";
import type { TestSocket } from "./socket";

// A customer activating a multi-tenant Floorpulse from Cisco Spaces (the simulator's OAuth driver plays
// Cisco), and what its people then see over Socket.IO.

/** The OAuth client secret the tests configure (OAUTH_CLIENT_SECRET) and give the simulator's driver. */
export const OAUTH_SECRET = "c567560ad2e84795a8f16c32586e1f69b78cab02";

/** A multi-tenant Floorpulse whose Cisco Spaces is the simulator `sim` (its partner key, its OAuth driver). */
export const multiTenantEnv = (sim: { url: string; partnerKey: string }) => ({
  DEMO_MODE: "off",
  SPACES_APP_TYPE: "multi-tenant",
  SPACES_API_KEY: sim.partnerKey,
  SPACES_BASE_URL: sim.url,
  SPACES_ALLOWED_BASE_URLS: sim.url,
  OAUTH_CLIENT_ID: "floorpulse",
  OAUTH_CLIENT_SECRET: OAUTH_SECRET,
  OAUTH_REDIRECT_URIS: `${sim.url}/partner/OAuthValidation`,
});

export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export function connect(url: string, o: { cookie?: string; token?: string }): Promise<TestSocket> {
  const s: TestSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: o.cookie ? { Cookie: o.cookie } : undefined,
    auth: o.token ? { token: o.token } : undefined,
  });
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

export const snapshot = (s: TestSocket, scope: string | null = null) =>
  new Promise<LocationSnapshot>((resolve, reject) =>
    s.emit("location:watch", scope, (r: LocationSnapshot | WatchError) =>
      "error" in r ? reject(new Error(r.error)) : resolve(r),
    ),
  );

/** What a customer does in Cisco Spaces and on our login page: activate, create an account there, come back. */
export async function activateThroughOAuth(
  sim: { url: string },
  appUrl: string,
  tenant: number,
  email: string,
): Promise<{ browser: Browser; partnerTenantId: string }> {
  const run = await json<{ id: string; authorizeUrl: string }>(
    await fetch(`${sim.url}/admin/oauth/start`, {
      method: "POST",
      body: JSON.stringify({
        loginUrl: `${appUrl}/auth/login`,
        tokenUrl: `${appUrl}/auth/token`,
        appInfoUrl: `${appUrl}/appInfo`,
        clientId: "floorpulse",
        clientSecret: OAUTH_SECRET,
        tenant,
      }),
    }),
  );
  const page = await fetch(run.authorizeUrl);
  const html = await page.text();
  expect(html).toContain("Create account and connect");
  const q = new URL(run.authorizeUrl).searchParams;
  const signup = await fetch(`${appUrl}/auth/session`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
    body: new URLSearchParams({ ...Object.fromEntries(q), create: "1", email, password: "correct horse battery" }),
  });
  expect(signup.status).toBe(303);
  const back = signup.headers.get("location")!;
  expect(back.startsWith(`${sim.url}/partner/OAuthValidation`)).toBe(true);
  const result = await json<{ status: string; partnerTenantId: string; steps: unknown[] }>(
    await fetch(back, { headers: { Accept: "application/json" } }),
  );
  expect(result, JSON.stringify(result.steps)).toMatchObject({ status: "succeeded" });
  return { browser: browserFrom(signup), partnerTenantId: result.partnerTenantId };
}

/** Waits until every building the socket sees has people in it; returns the snapshot. */
export async function liveBuildings(s: TestSocket, scope: string | null = null): Promise<LocationSnapshot> {
  let snap!: LocationSnapshot;
  await expect
    .poll(
      async () => {
        snap = await snapshot(s, scope);
        const buildings = snap.locations.filter((l) => l.type === "BUILDING");
        return buildings.length > 0 && buildings.every((b) => (snap.counts[b.id]?.count ?? 0) > 0);
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
  return snap;
}
