import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { createDb } from "@/lib/store/db";
import { freePort, removeDir, startProcess, tempDir, type Proc } from "../helpers/app-server";
import { bucketDiff, bucketMap, cleanRun, minuteOf, simulatorApiKey, storedBuckets } from "../helpers/clean-run";

// One ingest run through every fault the simulator can inject, including a SIGKILL mid-batch and a
// restart, must end with exactly the minute rollups of one clean pass over the same records.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ingest under stream faults", () => {
  let sim: Proc;
  let app: Proc | undefined;
  const dir = tempDir();
  const dbUrl = `file:${join(dir, "floorpulse.db")}`;

  beforeAll(async () => {
    sim = await startProcess(["simulator/cli.ts", "--port", String(await freePort()), "--seed", "11"], {}, /listening on (http:\/\/\S+)/);
  });
  afterAll(async () => {
    await app?.stop("SIGKILL");
    await sim?.stop("SIGKILL");
    removeDir(dir);
  });

  const fault = async (spec: Record<string, unknown>) => {
    const res = await fetch(`${sim.ready}/admin/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(spec) });
    expect(res.status).toBeLessThan(300);
  };
  const clearFaults = () => fetch(`${sim.ready}/admin/faults`, { method: "DELETE" });
  const env = () => ({
    SIMULATOR_URL: sim.ready,
    DATABASE_URL: dbUrl,
    PORT: "0",
    FIREHOSE_IDLE_MS: "3000",
    FIREHOSE_UNAUTHORIZED_RETRY_MS: "1500",
    FIREHOSE_BACKOFF_MAX_MS: "2000",
  });
  const start = () => startProcess(["server.ts"], env(), /Floorpulse ready on (http:\/\/\S+)/, 90_000);

  it("loses nothing and counts nothing twice through cuts, stalls, duplicates, reordering, bad lines, 5xx, 401 and a crash", async () => {
    app = await start();
    const from = Date.parse((await app.waitFor(/"resumeFrom":"([^"]+)"/))[1]!);
    await app.waitFor(/firehose connected/);

    await fault({ type: "cut", afterLines: 40, times: 3 });
    await fault({ type: "duplicates", every: 7 });
    await fault({ type: "reorder", window: 4 });
    await fault({ type: "malformed", every: 25 });
    await fault({ type: "oversized", every: 300, bytes: 1_200_000 });
    await sleep(4_000);
    await clearFaults();
    await fault({ type: "unavailable", status: 503, seconds: 3 });
    await sleep(4_000);
    await fault({ type: "stall", afterLines: 5, seconds: 8, times: 1 });
    await fault({ type: "cut", afterLines: 1, times: 1 }); // ends the current connection: the next one meets the stall
    await app.waitFor(/no data for 3 s/, 30_000); // the watchdog saw the silence and reconnected
    await clearFaults();
    await fault({ type: "unauthorized" });
    await app.waitFor(/the API key was refused/, 30_000);
    await clearFaults(); // the key works again: ingest must recover without a restart
    await app.waitFor(/"msg":"firehose connected"[\s\S]*"msg":"firehose connected"[\s\S]*HTTP 401[\s\S]*"msg":"firehose connected"/, 30_000);

    // Crash mid-batch, then start again on the same database.
    await sleep(1_500);
    await app.stop("SIGKILL");
    app = await start();
    await app.waitFor(/"checkpoint":true/);
    await app.waitFor(/firehose connected/);
    const restartedAt = Date.now();

    const db = createDb(dbUrl);
    try {
      await expect.poll(async () => Number((await db.checkpoint.findFirst())?.recordTimestamp ?? 0), { timeout: 30_000 }).toBeGreaterThan(restartedAt + 3_000);
      expect(await app.stop("SIGTERM")).toBe(0);
      app = undefined;

      const skipped = await db.activation.findFirst({ include: { tenant: true } });
      const cp = (await db.checkpoint.findFirst())!;
      const until = Number(cp.recordTimestamp);
      const clean = await cleanRun({
        simUrl: sim.ready,
        apiKey: await simulatorApiKey(sim.ready),
        partnerTenantId: skipped!.tenant.partnerTenantId,
        from,
        until: until + 1,
      });
      const [lo, hi] = [minuteOf(from), minuteOf(until)];
      const expected = bucketMap(clean.buckets, lo, hi);
      const actual = await storedBuckets(db, lo, hi);
      expect(expected.size).toBeGreaterThan(20);
      expect(bucketDiff(actual, expected)).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  }, 240_000);
});
