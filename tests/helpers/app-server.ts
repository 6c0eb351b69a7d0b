import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Proc {
  /** The process id (also its process group). */
  pid: number;
  /** The first capture group of the ready pattern (e.g. the URL), or the whole match. */
  ready: string;
  output(): string;
  /** Resolves when the output matches, or rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: boolean;
}

/**
 * Spawns node with the tsx loader (one process: tsx's CLI wrapper SIGKILLs a busy child that does not
 * acknowledge a signal within 30 ms), in its own process group so stop() reaches everything.
 */
export function startProcess(
  args: string[],
  ...options: Parameters<typeof startNode> extends [string[], ...infer Rest] ? Rest : never
): Promise<Proc> {
  return startNode(["--import", "tsx", ...args], ...options);
}

/** Spawns node with exactly these arguments (no loader: the compiled server, `npm start`), as startProcess does. */
export async function startNode(
  nodeArgs: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
  /** Run as another user (tests running as root that need file permissions to hold). */
  as: { uid?: number; gid?: number } = {},
): Promise<Proc> {
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    detached: true,
    ...as,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "info",
      XDG_CONFIG_HOME: configHome(),
      ...env,
    },
  });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    child.once("exit", (code) => {
      exitCode = code;
      for (const l of listeners) l();
      r(code);
    }),
  );

  const waitFor = (pattern: RegExp, ms = timeoutMs) =>
    new Promise<RegExpMatchArray>((resolveMatch, reject) => {
      const check = () => {
        const m = out.match(pattern);
        if (m) return done(() => resolveMatch(m));
        if (exitCode !== undefined)
          done(() => reject(new Error(`process exited (${exitCode}) before ${pattern}:\n${out.slice(-4000)}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${out.slice(-4000)}`))),
        ms,
      );
      const done = (f: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        f();
      };
      listeners.add(check);
      check();
    });

  const m = await waitFor(ready).catch(async (e: unknown) => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
    throw e;
  });
  return {
    pid: child.pid!,
    ready: m[1] ?? m[0],
    output: () => out,
    waitFor,
    get exited() {
      return exitCode !== undefined;
    },
    async stop(signal = "SIGTERM") {
      if (exitCode === undefined) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      }
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      return code;
    },
  };
}

export interface AppServer extends Pick<Proc, "output" | "waitFor" | "stop"> {
  url: string;
  dir: string;
}

/**
 * Starts the real server.ts (production build) on a free port with a temp SQLite file and the
 * built-in simulator on a free port.
 */
export async function startApp(
  env: Record<string, string> = {},
  opts: { dir?: string; timeoutMs?: number } = {},
): Promise<AppServer> {
  const ownDir = !opts.dir;
  const dir = opts.dir ?? tempDir();
  const p = await startProcess(
    ["server.ts"],
    { PORT: "0", SIMULATOR_PORT: "0", DATABASE_URL: appDbUrl(dir), ...env },
    /Floorpulse ready on (http:\/\/\S+)/,
    opts.timeoutMs,
  ).catch((e: unknown) => {
    if (ownDir) removeDir(dir);
    throw e;
  });
  return {
    url: p.ready,
    dir,
    output: p.output,
    waitFor: p.waitFor,
    async stop(signal = "SIGTERM") {
      const code = await p.stop(signal);
      if (ownDir) removeDir(dir);
      return code;
    },
  };
}

/** A port that was free a moment ago, for tests that must reuse one across restarts. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

let ownConfigHome: string | null = null;
/**
 * The config folder servers spawned here keep their data key file in (unless a test sets its own):
 * one temp folder per test process, removed at its exit, so no test writes to the user's ~/.config.
 */
export function configHome(): string {
  if (!ownConfigHome) {
    const dir = mkdtempSync(join(tmpdir(), "floorpulse-config-"));
    process.once("exit", () => removeDir(dir));
    ownConfigHome = dir;
  }
  return ownConfigHome;
}

/** Where an app started on data folder `dir` keeps its SQLite database. */
export const appDbUrl = (dir: string) => `file:${join(dir, "floorpulse.db")}`;

/** A temp data folder for an app started apart from startApp, and the URL of the database it keeps there. */
export function tempAppDir(): { dir: string; dbUrl: string } {
  const dir = tempDir();
  return { dir, dbUrl: appDbUrl(dir) };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "floorpulse-test-"));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
