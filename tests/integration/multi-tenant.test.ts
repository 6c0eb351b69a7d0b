import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peekActivationToken } from "@/lib/activation/activation-token";
import { createPipeline } from "@/lib/ingest/pipeline";
import { createSpacesClient } from "@/lib/spaces/client";
import { createDb, type Db } from "@/lib/store/db";
import { createSimulator, type Simulator } from "@/simulator/server";
import { removeDir, tempDir, type AppServer } from "../helpers/app-server";
import { bootApp } from "../helpers/app-in-process";
import { browserFrom } from "../helpers/auth-http";
import { activateThroughOAuth, connect, json, liveBuildings, multiTenantEnv } from "../helpers/oauth-activation";
import type { TestSocket } from "../helpers/socket";
import { readStream } from "../helpers/stream-reader";

// A multi-tenant cloud app (Cisco Spaces Partner Ecosystem Guide, "Multi-Tenant Cloud Partner App"):
// one partner key, one stream carrying every customer who activated the app. Two customers activate
// through Cisco's OAuth flow (the simulator's driver plays Cisco); a third is on the stream but never
// activates Floorpulse.

// A Wednesday afternoon in London, morning in New York: people are in every simulated building.
const START_AT = Date.UTC(2027, 0, 6, 15, 0);

interface RequestLogEntry {
  path: string;
  partnerTenantId: string | null;
}

describe("a multi-tenant cloud app: two customers on one partner key", () => {
  let sim: Simulator;
  let app: AppServer;
  let db: Db;
  const dir = tempDir();
  const dbUrl = `file:${join(dir, "floorpulse.db")}`;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    sim = await createSimulator({ seed: 21, tenants: 3, startAt: START_AT, speed: 4, replayWindowMs: 30_000 });
    app = await bootApp({ ...multiTenantEnv(sim), RATE_LIMIT_AUTH_PER_MINUTE: "1000" }, { dir });
    db = createDb(dbUrl);
  }, 150_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
    await sim?.close();
    removeDir(dir);
  });

  it("routes each customer's records to its own dashboard and kiosks, drops the customer that never activated, and counts as a single-tenant run does", async () => {
    const url = app.url;
    const t0 = (await json<{ simNow: number }>(await fetch(`${sim.url}/admin/clock`))).simNow;
    // The reference run: the same stream read for one tenant by the single-tenant path of the same pipeline.
    const reference = new AbortController();
    const reading = readStream(sim.url, sim.partnerKey, { from: t0, signal: reference.signal, maxMs: 240_000 });

    const acme = await activateThroughOAuth(sim, url, 0, "owner@acme.example");
    const globex = await activateThroughOAuth(sim, url, 1, "owner@globex.example");
    expect(acme.partnerTenantId).not.toBe(globex.partnerTenantId);

    // Where each customer's places really are: the simulated world.
    const placesOf = async (tenant: number) =>
      new Set(
        (
          await json<{ locations: Array<{ locationId: string }> }>(
            await fetch(`${sim.url}/admin/world?tenant=${tenant}`),
          )
        ).locations.map((l) => l.locationId),
      );
    const [worldA, worldB] = [await placesOf(0), await placesOf(1)];

    // Each admin sees its own buildings, live, and nothing of the other's.
    const adminA = await connect(url, { cookie: acme.browser.cookie });
    const adminB = await connect(url, { cookie: globex.browser.cookie });
    sockets.push(adminA, adminB);
    const snapA = await liveBuildings(adminA);
    const snapB = await liveBuildings(adminB);
    expect(snapA.locations.every((l) => worldA.has(l.id))).toBe(true);
    expect(snapB.locations.every((l) => worldB.has(l.id))).toBe(true);
    const rowA = (await db.tenant.findUniqueOrThrow({
      where: { partnerTenantId: acme.partnerTenantId },
      include: { locations: true },
    }))!;
    const rowB = (await db.tenant.findUniqueOrThrow({
      where: { partnerTenantId: globex.partnerTenantId },
      include: { locations: true },
    }))!;
    expect(rowA.locations.length).toBeGreaterThan(0);
    expect(rowA.locations.every((l) => worldA.has(l.id))).toBe(true);
    expect(rowB.locations.every((l) => worldB.has(l.id))).toBe(true);
    const idsA = worldA;

    // A kiosk of each, made by its admin, shows only that customer's buildings, with people in them.
    for (const [who, snap, places] of [
      [acme, snapA, worldA],
      [globex, snapB, worldB],
    ] as const) {
      const building = snap.locations.find((l) => l.type === "BUILDING")!;
      const made = await json<{ token: string }>(
        await fetch(`${url}/api/kiosk-tokens`, {
          method: "POST",
          headers: {
            Cookie: who.browser.cookie,
            "X-CSRF-Token": who.browser.csrf,
            Origin: url,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({ locationId: building.id, label: "Lobby" }),
        }),
      );
      const kiosk = await connect(url, { token: made.token });
      sockets.push(kiosk);
      const k = await liveBuildings(kiosk, building.id); // a display watches the place it was made for
      expect(k.locations.every((l) => places.has(l.id))).toBe(true);
    }

    // Floor maps were asked for in each customer's name, with the partner key that serves them all.
    const mapCalls = async () =>
      (await json<{ requests: RequestLogEntry[] }>(await fetch(`${sim.url}/admin/requests/log`))).requests.filter((r) =>
        r.path.startsWith("/api/partners/v1/maps/"),
      );
    await expect
      .poll(async () => new Set((await mapCalls()).map((r) => r.partnerTenantId)), { timeout: 30_000 })
      .toEqual(new Set([acme.partnerTenantId, globex.partnerTenantId]));

    // The third customer is on the partner key's stream but never activated Floorpulse: nothing of it is kept.
    const outlet = await json<{
      partnerTenantId: string;
      spacesTenantId: string;
      locations: Array<{ locationId: string }>;
    }>(await fetch(`${sim.url}/admin/world?tenant=2`));
    const outletIds = outlet.locations.map((l) => l.locationId);
    expect(outletIds.length).toBeGreaterThan(3);
    expect(
      await db.tenant.count({
        where: { OR: [{ partnerTenantId: outlet.partnerTenantId }, { spacesTenantId: outlet.spacesTenantId }] },
      }),
    ).toBe(0);
    expect(await db.tenant.count()).toBe(2);
    expect(await db.location.count({ where: { id: { in: outletIds } } })).toBe(0);
    expect(await db.occupancySample.count({ where: { locationId: { in: outletIds } } })).toBe(0);
    expect(await db.positionSample.count({ where: { locationId: { in: outletIds } } })).toBe(0);
    // Its records waited for an activation that never came, then were counted as dropped.
    await expect
      .poll(
        async () =>
          (await (await fetch(`${url}/metrics`)).text()).match(/reason="tenant_not_activated"\} (\d+)/)?.[1] ?? "0",
        { timeout: 60_000 },
      )
      .not.toBe("0");
    // The deltas those admins and kiosks receive are timed from the read of their records to the socket write.
    await expect
      .poll(
        async () =>
          Number(
            (await (await fetch(`${url}/metrics`)).text()).match(
              /^floorpulse_delta_server_latency_seconds_count (\d+)/m,
            )?.[1] ?? 0,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // Counts equal those of a single-tenant run over the same records: every completed minute of Acme.
    const activation = (await db.activation.findFirst({ where: { tenantId: rowA.id } }))!;
    await expect
      .poll(
        async () =>
          Number((await db.checkpoint.findUnique({ where: { activationId: activation.id } }))?.recordTimestamp ?? 0),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(t0 + 3 * 60_000);
    const appClock = Number(
      (await db.checkpoint.findUnique({ where: { activationId: activation.id } }))!.recordTimestamp,
    );
    reference.abort();
    const { lines } = await reading;
    const single = createPipeline({ partnerTenantId: acme.partnerTenantId });
    for (const line of lines) single.accept(line);
    single.settle();
    const upTo = Math.min(appClock, single.clock) - 60_000;
    const want = single.checkpoint().buckets.filter((b) => b.bucket + 60_000 <= upTo);
    expect(want.length).toBeGreaterThan(10);
    const stored = await db.occupancySample.findMany({
      where: { locationId: { in: [...idsA] }, bucket: { lte: new Date(upTo - 60_000) } },
    });
    const got = new Map(stored.map((s) => [`${s.locationId}|${s.source}|${s.bucket.getTime()}`, s]));
    const acts = await json<{ activations: Array<{ tenant: number; kind: string; activatedAt: number | null }> }>(
      await fetch(`${sim.url}/admin/activations`),
    );
    const firstAcme = lines.find((l) => l.includes(acme.partnerTenantId));
    const dbg = {
      t0: new Date(t0).toISOString(),
      acts: acts.activations.map((a) => [a.tenant, a.activatedAt && new Date(a.activatedAt).toISOString()]),
      firstAcme: firstAcme?.slice(0, 300),
      lines: lines.length,
    };
    const wrong: string[] = [];
    for (const b of want) {
      const s = got.get(`${b.locationId}|${b.series}|${b.bucket}`);
      if (!s || s.min !== b.min || s.max !== b.max || s.last !== b.last || s.seconds !== b.seconds)
        wrong.push(
          `${b.locationId} ${b.series} ${new Date(b.bucket).toISOString().slice(11, 16)} want ${b.min}/${b.max}/${b.last}/${b.seconds} got ${s ? `${s.min}/${s.max}/${s.last}/${s.seconds}` : "none"}`,
        );
    }
    expect(wrong, `${wrong.length} of ${want.length} minutes differ ${JSON.stringify(dbg)}`).toEqual([]);
    expect(stored.length).toBe(want.length);
  }, 240_000);
});

describe("a customer's own API key", () => {
  let sim: Simulator;
  let app: AppServer;
  const dir = tempDir();

  beforeAll(async () => {
    sim = await createSimulator({ seed: 22, tenants: 2, startAt: START_AT, replayWindowMs: 120_000 });
    // "Activate Your First App" in the Partner Dashboard: the key for this one account.
    const token = await sim.mintActivationToken({ tenant: 0 });
    const { apiKey } = await createSpacesClient(sim.url).activate("single-tenant", token, {
      appId: sim.appId,
      activationRefId: peekActivationToken(token).activationRefId,
    });
    app = await bootApp(
      {
        DEMO_MODE: "off",
        SPACES_API_KEY: apiKey,
        SPACES_BASE_URL: sim.url,
        SPACES_ALLOWED_BASE_URLS: sim.url,
        ADMIN_EMAIL: "owner@acme.example",
        ADMIN_PASSWORD: "correct horse battery",
        VENUE_PUBLIC_IP: "203.0.113.10",
      },
      { dir },
    );
  }, 150_000);
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    removeDir(dir);
  });

  it("calls maps, MAC filters and Devices Lookup with the account's real partnerTenantId", async () => {
    const url = app.url;
    const real = (await json<{ partnerTenantId: string }>(await fetch(`${sim.url}/admin/world?tenant=0`)))
      .partnerTenantId;
    const log = async () =>
      (await json<{ requests: RequestLogEntry[] }>(await fetch(`${sim.url}/admin/requests/log`))).requests;
    await expect
      .poll(async () => (await log()).some((r) => r.path.startsWith("/api/partners/v1/maps/")), { timeout: 60_000 })
      .toBe(true);

    const signin = await fetch(`${url}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
      body: new URLSearchParams({ email: "owner@acme.example", password: "correct horse battery", next: "/" }),
    });
    const admin = browserFrom(signin);
    expect((await fetch(`${url}/api/excluded-devices`, { headers: { Cookie: admin.cookie } })).status).toBe(200);
    const socket = await connect(url, { cookie: admin.cookie });
    const snap = await liveBuildings(socket);
    socket.close();
    const floor = snap.locations.find((l) => l.type === "FLOOR")!;
    const made = await json<{ token: string }>(
      await fetch(`${url}/api/kiosk-tokens`, {
        method: "POST",
        headers: { Cookie: admin.cookie, "X-CSRF-Token": admin.csrf, Origin: url, "Content-Type": "application/json" },
        body: JSON.stringify({ locationId: floor.id, label: "Lobby" }),
      }),
    );
    // "You are here" takes the display's short-lived code, not the display's own link.
    const code = await json<{ url: string }>(
      await fetch(`${url}/api/kiosk/here-link`, { headers: { Authorization: `Bearer ${made.token}` } }),
    );
    await fetch(`${url}/api/here`, { headers: { Authorization: `Bearer ${code.url.split("/here/")[1]}` } });

    const calls = (await log()).filter(
      (r) => r.path.startsWith("/api/partners/v1/") && r.path !== "/api/partners/v1/firehose/events",
    );
    for (const path of [
      "/api/partners/v1/maps/",
      "/api/partners/v1/firehose/filters",
      "/api/partners/v1/devices/lookup",
    ]) {
      const mine = calls.filter((r) => r.path.startsWith(path));
      expect(mine.length, path).toBeGreaterThan(0);
      expect(
        mine.every((r) => r.partnerTenantId === real),
        path,
      ).toBe(true);
    }
  }, 180_000);
});
