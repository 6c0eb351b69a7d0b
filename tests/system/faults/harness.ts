import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { join } from "node:path";
import { createDb, type Db } from "@/lib/store/db";
import { freePort, removeDir, startProcess, tempDir, type Proc } from "../../helpers/app-server";
import { bucketDiff, bucketMap, cleanRun, minuteOf, simulatorApiKey, storedBuckets } from "../../helpers/clean-run";
import { until } from "../../helpers/poll";
import { truthProblems } from "../../helpers/truth";

export { until };

// What every fault scenario shares: a simulator and the app as separate processes on one SQLite
// file, fault switches over the simulator's admin routes, and the final check against a clean pass
// of the same seed (0 lost, 0 doubled).

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SimOptions {
  seed: number;
  /** Simulated seconds per second; the minute rollups fill this much faster. */
  speed?: number;
  /** Serves records as fast as the client reads, however old (a reference for clean runs). */
  fullSpeed?: boolean;
  people?: number;
  replayWindowMs?: number;
  keepAliveMs?: number;
}

export async function startSimulator(o: SimOptions): Promise<Proc> {
  const args = ["simulator/cli.ts", "--port", String(await freePort()), "--seed", String(o.seed), "--tenants", "1"];
  if (o.speed) args.push("--speed", String(o.speed));
  if (o.fullSpeed) args.push("--full-speed");
  if (o.people) args.push("--people", String(o.people));
  if (o.replayWindowMs) args.push("--replay-window-ms", String(o.replayWindowMs));
  if (o.keepAliveMs) args.push("--keep-alive-ms", String(o.keepAliveMs));
  return startProcess(args, {}, /listening on (http:\/\/\S+)/);
}

export interface Rig {
  sim: Proc;
  app: Proc | undefined;
  dir: string;
  dbUrl: string;
  /** The data key every start of the app gets (a server started apart from the rig must get it too). */
  dataKey: string;
  db: Db;
  /** Where the app's history starts (its first resume point), the clean run's start. */
  from: number;
  start(extraEnv?: Record<string, string>, spawn?: { uid?: number; gid?: number }): Promise<Proc>;
  fault(spec: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  checkpoint(): Promise<number>;
  /** Waits until the stored checkpoint is `ms` of event time past `after`. */
  checkpointPast(after: number, ms?: number, timeout?: number): Promise<number>;
  /** Stored minute rollups against a clean pass over the same records; see expectSameAsClean. */
  compare(o?: {
    exclude?: Array<[number, number]>;
    cleanSimUrl?: string;
  }): Promise<{ diff: string[]; compared: number; until: number }>;
  close(): Promise<void>;
}

export async function createRig(sim: SimOptions, env: Record<string, string> = {}): Promise<Rig> {
  const dir = tempDir();
  const dbUrl = `file:${join(dir, "floorpulse.db")}`;
  // The same key on every restart; given, not a key file, since the server may run as another user (nobody).
  const dataKey = randomBytes(32).toString("base64");
  const rig: Rig = {
    sim: await startSimulator(sim),
    app: undefined,
    dir,
    dbUrl,
    dataKey,
    db: undefined as unknown as Db,
    from: 0,
    async start(extraEnv = {}, spawn) {
      const p = await startProcess(
        ["server.ts"],
        {
          SIMULATOR_URL: rig.sim.ready,
          DATABASE_URL: dbUrl,
          DATA_KEY: dataKey,
          PORT: "0",
          FIREHOSE_IDLE_MS: "3000",
          FIREHOSE_UNAUTHORIZED_RETRY_MS: "1500",
          FIREHOSE_BACKOFF_MAX_MS: "2000",
          ...env,
          ...extraEnv,
        },
        /Floorpulse ready on (http:\/\/\S+)/,
        90_000,
        spawn,
      );
      rig.app = p;
      if (!rig.from) rig.from = Date.parse((await p.waitFor(/"resumeFrom":"([^"]+)"/))[1]!);
      rig.db ??= createDb(dbUrl);
      return p;
    },
    async fault(spec) {
      const res = await fetch(`${rig.sim.ready}/admin/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(spec),
      });
      expect(res.status).toBeLessThan(300);
    },
    async clearFaults() {
      await fetch(`${rig.sim.ready}/admin/faults`, { method: "DELETE" });
    },
    async checkpoint() {
      return Number((await rig.db.checkpoint.findFirst())?.recordTimestamp ?? 0);
    },
    async checkpointPast(after, ms = 0, timeout = 60_000) {
      return until(
        `checkpoint past ${after + ms}`,
        () => rig.checkpoint(),
        (v) => v > after + ms,
        timeout,
      );
    },
    async compare(o = {}) {
      const activation = await rig.db.activation.findFirst({ include: { tenant: true } });
      const until = await rig.checkpoint();
      const clean = await cleanRun({
        simUrl: o.cleanSimUrl ?? rig.sim.ready,
        apiKey: await simulatorApiKey(o.cleanSimUrl ?? rig.sim.ready),
        partnerTenantId: activation!.tenant.partnerTenantId,
        from: rig.from,
        until: until + 1,
      });
      const [lo, hi] = [minuteOf(rig.from), minuteOf(until)];
      const outside = (k: string) => {
        const minute = Number(k.split("|").pop());
        return !(o.exclude ?? []).some(([a, b]) => minute >= minuteOf(a) && minute <= b);
      };
      const keep = (m: Map<string, string>) => new Map([...m].filter(([k]) => outside(k)));
      const expected = keep(bucketMap(clean.buckets, lo, hi));
      const actual = keep(await storedBuckets(rig.db, lo, hi));
      return { diff: bucketDiff(actual, expected), compared: expected.size, until };
    },
    async close() {
      await rig.app?.stop("SIGKILL");
      await rig.sim.stop("SIGKILL");
      await rig.db?.$disconnect();
      removeDir(dir);
    },
  };
  return rig;
}

/** Waits until the app streams and has stored a minute of event time past the rig's start: where a scenario begins. */
export async function untilStreaming(rig: Rig): Promise<void> {
  await rig.app!.waitFor(/firehose connected/);
  await rig.checkpointPast(rig.from, 60_000);
}

/** A rig with its app started as by default and streaming (see untilStreaming); closed again if it gets no further. */
export async function streamingRig(sim: SimOptions): Promise<Rig> {
  const rig = await createRig(sim);
  try {
    await rig.start();
    await untilStreaming(rig);
  } catch (e) {
    await rig.close();
    throw e;
  }
  return rig;
}

interface HealthComponent {
  name: string;
  status: string;
  detail: string | null;
}

/** Waits until health reports ingest paused (degraded), and returns what it says of it. */
export const untilIngestPaused = (component: (name: string) => Promise<HealthComponent | undefined>) =>
  until(
    "health says ingest is paused",
    () => component("ingest"),
    (c) => c?.status === "degraded" && /paused/.test(c.detail ?? ""),
    60_000,
  );

/**
 * The scenario's verdict: every minute rollup so far equals the clean run's (none missing, none extra,
 * none different), and what the running app shows now agrees with the simulator's truth within the
 * method's tolerance (tests/helpers/truth.ts, FAULT_TRUTH_TOLERANCE).
 */
export async function expectSameAsClean(
  rig: Rig,
  minBuckets = 10,
  o: { exclude?: Array<[number, number]>; cleanSimUrl?: string } = {},
) {
  const { diff, compared } = await rig.compare(o);
  expect(compared).toBeGreaterThan(minBuckets);
  expect(diff).toEqual([]);
  if (rig.app && !rig.app.exited) {
    const { problems, moment } = await truthProblems(rig.app.ready, rig.sim.ready);
    expect(moment.errors.filter((e) => e.level !== "zone" && e.truth > 0).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }
}
