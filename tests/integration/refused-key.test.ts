import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { createSimulator, type Simulator } from "@/simulator/server";
import { removeDir, tempDir, type AppServer } from "../helpers/app-server";
import { bootApp } from "../helpers/app-in-process";
import { json } from "../helpers/oauth-activation";

// Cisco refusing the API key for a long time (say, during an outage of its own) is not the customer
// removing the app: the activation "needs attention" with a message that says what to check, the
// stream keeps retrying, and it is active again as soon as Cisco accepts the key.
describe("a key Cisco Spaces refuses for a long time", () => {
  let sim: Simulator;
  let app: AppServer;
  let db: Db;
  const dir = tempDir();

  beforeAll(async () => {
    sim = await createSimulator({ seed: 26, tenants: 1 });
    app = await bootApp(
      {
        SIMULATOR_URL: sim.url,
        FIREHOSE_UNAUTHORIZED_RETRY_MS: "500",
        FIREHOSE_ATTENTION_AFTER_MS: "2000",
      },
      { dir },
    );
    db = createDb(`file:${join(dir, "floorpulse.db")}`);
  }, 150_000);
  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
    await sim?.close();
    removeDir(dir);
  });

  it("needs attention, is never deactivated for it, and recovers when the key is accepted again", async () => {
    await app.waitFor(/firehose connected/);
    const fault = await json<{ id: string }>(
      await fetch(`${sim.url}/admin/faults`, {
        method: "POST",
        body: JSON.stringify({ type: "unauthorized", seconds: 600 }),
      }),
    );
    await app.waitFor(/the activation needs attention/, 30_000);
    await expect
      .poll(async () => (await db.activation.findFirstOrThrow()).statusMessage ?? "", { timeout: 10_000 })
      .toMatch(
        /^Needs attention: Cisco Spaces has refused the API key since .*Check that Floorpulse is still activated/,
      );
    expect((await db.activation.findFirstOrThrow()).status).toBe("unhealthy");

    await fetch(`${sim.url}/admin/faults/${fault.id}`, { method: "DELETE" });
    await expect.poll(async () => (await db.activation.findFirstOrThrow()).status, { timeout: 30_000 }).toBe("active");
    expect(app.output()).not.toMatch(/activation deactivated/);
  }, 120_000);
});
