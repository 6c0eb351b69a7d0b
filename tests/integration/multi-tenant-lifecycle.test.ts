import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/store/db";
import { createSimulator, type Simulator } from "@/simulator/server";
import { removeDir, startProcess, tempAppDir, type Proc } from "../helpers/app-server";
import {
  activateThroughOAuth,
  connect,
  json,
  liveBuildings,
  multiTenantEnv,
  snapshot,
} from "../helpers/oauth-activation";

// A multi-tenant customer removes Floorpulse in Cisco Spaces (APP_DE_ACTIVATION on the partner
// stream): their dashboard says so, their history stays, and after a restart it still says so.
const START_AT = Date.UTC(2027, 0, 6, 15, 0);

describe("a multi-tenant customer who removes the app", () => {
  let sim: Simulator;
  let app: Proc | undefined;
  const { dir, dbUrl } = tempAppDir();

  beforeAll(async () => {
    sim = await createSimulator({ seed: 25, tenants: 2, startAt: START_AT, speed: 2, replayWindowMs: 30_000 });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    removeDir(dir);
  });

  const start = () =>
    startProcess(
      ["server.ts"],
      {
        PORT: "0",
        DATABASE_URL: dbUrl,
        ...multiTenantEnv(sim),
      },
      /Floorpulse ready on (http:\/\/\S+)/,
      120_000,
    );

  it("is shown as deactivated, keeps its history, and stays deactivated after a restart", async () => {
    app = await start();
    const acme = await activateThroughOAuth(sim, app.ready, 0, "owner@acme.example");
    const socket = await connect(app.ready, { cookie: acme.browser.cookie });
    await liveBuildings(socket);
    // History to keep: the first batch of minute counts is stored (batches are written every 2 s).
    const before = createDb(dbUrl);
    try {
      await expect.poll(() => before.occupancySample.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    } finally {
      await before.$disconnect();
    }

    const ours = (
      await json<{
        activations: Array<{
          ref: string;
          kind: string;
          tenant: number;
          deletedAt: number | null;
          activatedAt: number | null;
        }>;
      }>(await fetch(`${sim.url}/admin/activations`))
    ).activations.find((a) => a.kind === "oauth" && a.tenant === 0 && a.deletedAt === null && a.activatedAt !== null)!;
    expect((await fetch(`${sim.url}/admin/activations/${ours.ref}`, { method: "DELETE" })).status).toBe(200);
    await app.waitFor(/activation deactivated: stopping its stream/, 30_000);
    await expect.poll(async () => (await snapshot(socket)).ingest.state, { timeout: 10_000 }).toBe("deactivated");
    socket.close();

    const db = createDb(dbUrl);
    try {
      const activation = (await db.activation.findFirstOrThrow({ where: { kind: "oauth" } }))!;
      expect(activation.status).toBe("deactivated");
      expect(await db.occupancySample.count()).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }

    expect(await app.stop()).toBe(0);
    app = await start();
    const again = await connect(app.ready, { cookie: acme.browser.cookie });
    const snap = await snapshot(again);
    again.close();
    expect(snap.locations.some((l) => l.type === "BUILDING")).toBe(true); // the history is still there
    expect(snap.ingest).toMatchObject({
      state: "deactivated",
      detail: expect.stringMatching(/deactivated Floorpulse in Cisco Spaces/),
    });
  }, 240_000);
});
