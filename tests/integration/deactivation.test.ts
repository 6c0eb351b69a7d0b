import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/store/db";
import { freePort, removeDir, startProcess, tempAppDir, type Proc } from "../helpers/app-server";

// When the customer removes Floorpulse in Cisco Spaces, its stream stops, it is marked deactivated, and
// the history it gathered stays.
describe("an activation removed in Cisco Spaces", () => {
  let sim: Proc;
  let app: Proc | undefined;
  const { dir, dbUrl } = tempAppDir();

  beforeAll(async () => {
    sim = await startProcess(
      ["simulator/cli.ts", "--port", String(await freePort()), "--seed", "9"],
      {},
      /listening on (http:\/\/\S+)/,
    );
  });
  afterAll(async () => {
    await app?.stop("SIGKILL");
    await sim?.stop("SIGKILL");
    removeDir(dir);
  });

  it("stops the stream, says so, and keeps the history", async () => {
    app = await startProcess(
      ["server.ts"],
      { SIMULATOR_URL: sim.ready, DATABASE_URL: dbUrl, PORT: "0", FIREHOSE_UNAUTHORIZED_RETRY_MS: "500" },
      /Floorpulse ready on (http:\/\/\S+)/,
      90_000,
    );
    await app.waitFor(/firehose connected/);
    const db = createDb(dbUrl);
    try {
      await expect.poll(() => db.occupancySample.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const activation = (await db.activation.findFirst())!;
      const removed = await fetch(`${sim.ready}/admin/activations/${activation.activationRefId}`, { method: "DELETE" });
      expect(removed.status).toBe(200);

      await app.waitFor(/activation deactivated: stopping its stream/, 30_000);
      await expect.poll(async () => (await db.activation.findFirst())!.status, { timeout: 10_000 }).toBe("deactivated");
      const kept = await db.occupancySample.count();
      expect(kept).toBeGreaterThan(0);
      expect((await db.activation.findFirst())!.statusMessage).toMatch(/history is kept/i);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
