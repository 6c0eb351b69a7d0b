// Processes of a bench scenario: the simulator, the real server and the socket clients, each its own
// process over loopback (tests/helpers/app-server.ts spawns them detached and kills the group). Every
// process and temp dir is registered so a failed or interrupted run still cleans up.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeDir, startNode, startProcess, type Proc } from "@/tests/helpers/app-server";
import { createTempPgDatabase } from "@/tests/helpers/postgres";
import { serverCommand } from "./server-command";

const live = new Set<{ stop(): Promise<unknown> }>();
const dirs = new Set<string>();

export async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop().catch(() => {})));
  live.clear();
  for (const d of dirs) removeDir(d);
  dirs.clear();
}

export function benchDir(): string {
  const d = mkdtempSync(join(tmpdir(), "floorpulse-bench-"));
  dirs.add(d);
  return d;
}

export function dropDir(d: string): void {
  removeDir(d);
  dirs.delete(d);
}

async function tracked(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 90_000,
  loader = true,
): Promise<Proc> {
  const p = await (loader ? startProcess : startNode)(args, env, ready, timeoutMs);
  const handle = {
    stop: async (signal?: NodeJS.Signals) => {
      live.delete(handle);
      return p.stop(signal);
    },
  };
  live.add(handle);
  return {
    ...p,
    pid: p.pid,
    ready: p.ready,
    output: p.output,
    waitFor: p.waitFor,
    get exited() {
      return p.exited;
    },
    stop: handle.stop,
  };
}

export interface SimOptions {
  people?: number;
  /** A named world (simulator/worlds.ts) instead of the demo campus with `people`. */
  world?: string;
  updateMs?: number;
  tickMs?: number;
  speed?: number | "max";
  /** Simulated start (ms); default: the wall clock. */
  start?: number;
  replayWindowMs?: number;
  port?: number;
  /** The base URL tokens name (a replay in front of the simulator). */
  publicUrl?: string;
}

export interface Sim {
  url: string;
  partnerKey: string;
  proc: Proc;
  stop(): Promise<unknown>;
}

export async function startSimulator(o: SimOptions): Promise<Sim> {
  const args = ["simulator/cli.ts", "--port", String(o.port ?? 0), "--tenants", "1"];
  args.push(...(o.world ? ["--world", o.world] : ["--seed", "1", "--people", String(o.people ?? 200)]));
  args.push(
    "--update-ms",
    String(o.updateMs ?? 5000),
    "--tick-ms",
    String(o.tickMs ?? 1000),
    "--speed",
    String(o.speed ?? 1),
  );
  if (o.start !== undefined) args.push("--start", String(o.start));
  if (o.replayWindowMs !== undefined) args.push("--replay-window-ms", String(o.replayWindowMs));
  if (o.publicUrl !== undefined) args.push("--public-url", o.publicUrl);
  const proc = await tracked(args, {}, /listening on (http:\/\/\S+)/);
  const key = (await proc.waitFor(/Partner API key \(all tenants\): (\S+)/))[1]!;
  return { url: proc.ready, partnerKey: key, proc, stop: () => proc.stop() };
}

export interface Server {
  url: string;
  dir: string;
  proc: Proc;
  stop(signal?: NodeJS.Signals): Promise<unknown>;
}

/** Where the server keeps its data: a SQLite file in `dir` (default), or PostgreSQL + Redis (--db postgres). */
export interface Store {
  kind: "sqlite" | "postgres";
  /** DATABASE_URL for a scenario's temp dir: one database per dir, removed at cleanup. */
  url(dir: string): Promise<string>;
  env: Record<string, string>;
}

export const sqliteStore: Store = {
  kind: "sqlite",
  url: async (dir) => `file:${join(dir, "floorpulse.db")}`,
  env: {},
};

/** PostgreSQL 127.0.0.1:5432 (trust auth; a temp database per scenario dir) and Redis 127.0.0.1:6379. */
export function postgresStore(): Store {
  const byDir = new Map<string, Promise<string>>();
  return {
    kind: "postgres",
    env: { REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379" },
    url(dir) {
      let u = byDir.get(dir);
      if (!u) {
        u = createTempPgDatabase("floorpulse_bench").then((db) => {
          live.add({ stop: () => db.drop() });
          return db.url;
        });
        byDir.set(dir, u);
      }
      return u;
    },
  };
}

/** The store every startServer uses unless told otherwise (run.ts sets it from --db). */
let defaultStore: Store = sqliteStore;
export function useStore(s: Store): void {
  defaultStore = s;
}
export function currentStore(): Store {
  return defaultStore;
}

/** The real server (serverCommand(): production build) against a simulator in its own process. */
export async function startServer(o: {
  simUrl: string;
  dir: string;
  port?: number;
  env?: Record<string, string>;
  extraArgs?: string[];
  store?: Store;
}): Promise<Server> {
  const store = o.store ?? defaultStore;
  const env = {
    PORT: String(o.port ?? 0),
    SIMULATOR_URL: o.simUrl,
    DATABASE_URL: await store.url(o.dir),
    LOG_LEVEL: "info",
    // Every bench client comes from this machine, one address, and the accuracy check polls one socket many
    // times a second: the per-address and per-socket limits would measure themselves.
    RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE: "1000000",
    RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: "1000000",
    RATE_LIMIT_DISPLAY_PER_MINUTE: "1000000",
    RATE_LIMIT_KIOSK_PER_MINUTE: "1000000",
    ...store.env,
    ...o.env,
  };
  // BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it stops (bench/profile-summary.ts reads it).
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = await tracked(
    [...prof, ...(o.extraArgs ?? []), ...serverCommand(env).nodeArgs],
    env,
    /Floorpulse ready on (http:\/\/\S+)/,
    120_000,
    false,
  );
  return { url: proc.ready, dir: o.dir, proc, stop: (s) => proc.stop(s) };
}

/** A helper script of the bench (socket clients, seeding) in its own process; ready when it prints the pattern. */
export function startHelper(script: string, args: string[], ready: RegExp, timeoutMs = 120_000): Promise<Proc> {
  return tracked([script, ...args], {}, ready, timeoutMs);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined, or throws after `ms`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
  every = 200,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await sleep(every);
  }
  throw new Error(
    `timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`,
  );
}
