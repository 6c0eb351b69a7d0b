import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/store/db";
import { createSimulator, type Simulator } from "@/simulator/server";
import { removeDir, tempDir, type AppServer } from "../helpers/app-server";
import { bootApp } from "../helpers/app-in-process";

// An on-prem app activated from the environment (SPACES_APP_TYPE=on-prem with SPACES_ACTIVATION_TOKEN):
// Floorpulse calls Cisco's on-prem activation, not the single-tenant one, and streams with the key.
describe("on-prem activation from the environment", () => {
  let sim: Simulator;
  let app: AppServer;
  const dir = tempDir();
  const dbUrl = `file:${join(dir, "floorpulse.db")}`;

  beforeAll(async () => {
    sim = await createSimulator({ seed: 27, tenants: 1 });
    app = await bootApp(
      {
        DEMO_MODE: "off",
        SPACES_APP_TYPE: "on-prem",
        SPACES_ACTIVATION_TOKEN: await sim.mintActivationToken(),
        SPACES_ALLOWED_BASE_URLS: sim.url,
      },
      { dir },
    );
  }, 150_000);
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    removeDir(dir);
  });

  it("activates as on-prem and streams", async () => {
    await app.waitFor(/firehose connected/, 30_000);
    const requests = (await (await fetch(`${sim.url}/admin/requests`)).json()) as { requests: Record<string, number> };
    expect(requests.requests["POST /client/v1/partner/activateOnPremiseApp"]).toBe(1);
    expect(requests.requests["POST /client/v1/partner/activateSingleTenantCloudApp"]).toBeUndefined();
    const db = createDb(dbUrl);
    try {
      expect(await db.activation.findFirstOrThrow()).toMatchObject({ kind: "on-prem", status: "active" });
    } finally {
      await db.$disconnect();
    }
  }, 60_000);
});
