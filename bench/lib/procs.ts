// Processes of a bench scenario: the simulator, the real server and the socket clients, each its own
// process over loopback (tests/helpers/app-server.ts spawns them detached and kills the group). Every
// process and temp dir is registered so a failed or interrupted run still cleans up.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeDir, startProcess, type Proc } from "@/tests/helpers/app-server";

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

async function tracked(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 90_000): Promise<Proc> {
  const p = await startProcess(args, env, ready, timeoutMs);
  const handle = {
    stop: async (signal?: NodeJS.Signals) => {
      live.delete(handle);
      return p.stop(signal);
    },
  };
  live.add(handle);
  return {
    ...p,
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

/** The real server.ts (production build) against a simulator in its own process. */
export async function startServer(o: {
  simUrl: string;
  dir: string;
  port?: number;
  env?: Record<string, string>;
  extraArgs?: string[];
}): Promise<Server> {
  const env = {
    PORT: String(o.port ?? 0),
    SIMULATOR_URL: o.simUrl,
    DATABASE_URL: `file:${join(o.dir, "floorpulse.db")}`,
    LOG_LEVEL: "info",
    // Every bench client comes from this machine, one address: the per-address limits would measure themselves.
    RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE: "1000000",
    RATE_LIMIT_DISPLAY_PER_MINUTE: "1000000",
    RATE_LIMIT_KIOSK_PER_MINUTE: "1000000",
    ...o.env,
  };
  // BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it stops (bench/profile-summary.ts reads it).
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = await tracked(
    [...prof, ...(o.extraArgs ?? []), "server.ts"],
    env,
    /Floorpulse ready on (http:\/\/\S+)/,
    120_000,
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
