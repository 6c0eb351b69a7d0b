import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startProcess } from "../../helpers/app-server";
import { expectSameAsClean, sleep, streamingRig, until, untilIngestPaused, type Rig } from "./harness";

// The server process and its database under attack from the machine: SIGKILL at any moment of the
// write cycle, SIGKILL while starting, and another process locking the SQLite file. Each ends with
// the minute rollups of one clean pass (0 lost, 0 doubled).

type Health = { status: string; components: Array<{ name: string; status: string; detail: string | null }> };

describe("faults: the server process and its database", () => {
  let rig: Rig;
  const health = async (): Promise<Health> => {
    const res = await fetch(`${rig.app!.ready}/api/health`);
    const body = await res.text();
    try {
      return JSON.parse(body) as Health;
    } catch {
      // Health must always answer in JSON; if it does not, say what came back and what the server said.
      throw new Error(
        `/api/health answered ${res.status} "${body.slice(0, 200)}"; server output:\n${rig.app!.output().slice(-3000)}`,
      );
    }
  };
  const component = async (name: string) => (await health()).components.find((c) => c.name === name);

  beforeAll(async () => {
    rig = await streamingRig({ seed: 31, speed: 4, people: 120 });
  });
  afterAll(() => rig?.close());

  it("loses and doubles nothing when SIGKILLed at four points across the 2 s write cycle and restarted", async () => {
    for (const offset of [0, 450, 900, 1_350]) {
      // A batch was just committed; kill `offset` ms into the next cycle (mid-batch for some of them).
      const last = await rig.checkpoint();
      await until(
        "a new checkpoint",
        () => rig.checkpoint(),
        (t) => t > last,
        30_000,
        20,
      );
      await sleep(offset);
      await rig.app!.stop("SIGKILL");
      await rig.start();
      await rig.app!.waitFor(/"checkpoint":true/);
      await rig.app!.waitFor(/firehose connected/);
    }
    await rig.checkpointPast(await rig.checkpoint(), 20_000);
    await expectSameAsClean(rig);
  }, 180_000);

  it("starts cleanly after being SIGKILLed while starting (before and after resuming from its checkpoint)", async () => {
    await rig.app!.stop("SIGTERM");
    rig.app = undefined;
    const env = {
      SIMULATOR_URL: rig.sim.ready,
      DATABASE_URL: rig.dbUrl,
      DATA_KEY: rig.dataKey,
      PORT: "0",
      FIREHOSE_IDLE_MS: "3000",
      FIREHOSE_BACKOFF_MAX_MS: "2000",
    };
    // Killed at its first words (config and migrations check), then as ingest resumed.
    for (const moment of [/"level"/, /"msg":"ingest started"/]) {
      const starting = await startProcess(["server.ts"], env, moment, 90_000);
      await starting.stop("SIGKILL");
    }
    await rig.start();
    await rig.app!.waitFor(/"checkpoint":true/);
    const t = await rig.checkpoint();
    await rig.checkpointPast(t, 20_000);
    expect((await component("ingest"))?.status).toBe("up");
    await expectSameAsClean(rig);
  }, 180_000);

  it("pauses ingest while another process holds the database locked, says so in health, and resumes with nothing lost", async () => {
    // A separate process takes SQLite's exclusive lock through better-sqlite3 and keeps it until told.
    const dbPath = rig.dbUrl.replace(/^file:/, "");
    const locker = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(dbPath)}); db.exec("BEGIN EXCLUSIVE"); console.log("locked");
         process.stdin.once("data", () => { db.exec("COMMIT"); db.close(); console.log("released"); process.exit(0); });`,
      ],
      { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    let out = "";
    locker.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await until(
        "lock taken",
        () => out,
        (o) => o.includes("locked"),
        20_000,
      );
      await rig.app!.waitFor(/database write failed: ingest paused until it succeeds/, 60_000);
      const paused = await untilIngestPaused(component);
      expect(paused?.detail).toMatch(/database/);
      expect((await health()).status).not.toBe("up");
      locker.stdin.write("go\n");
      await until(
        "lock released",
        () => out,
        (o) => o.includes("released"),
        20_000,
      );
    } finally {
      locker.kill("SIGKILL");
    }
    await rig.app!.waitFor(/database writable again: ingest resumes/, 60_000);
    await until(
      "ingest up again",
      () => component("ingest"),
      (c) => c?.status === "up",
      60_000,
    );
    await rig.checkpointPast(await rig.checkpoint(), 20_000);
    await expectSameAsClean(rig);
  }, 180_000);
});
