import { Writable } from "node:stream";
import { createApplication } from "@/lib/app";
import { loadConfigOrThrow } from "@/lib/config";
import { createLogger } from "@/lib/log";
import { createSimulator, type Simulator } from "@/simulator/server";
import { createDb, type Db } from "@/lib/store/db";
import { appDbUrl, configHome, removeDir, ROOT, tempDir, type AppServer } from "./app-server";

// The application booted inside the test's own process (lib/app.ts createApplication), for tests that
// only talk HTTP and sockets with it: the same production build, configuration and built-in simulator
// as startApp, without a second Node process. Tests that kill or restart a process keep startApp.

/**
 * Boots the app on a free port with a temp SQLite file and the built-in simulator on a free port.
 * `output()` is its log (JSON lines), `stop()` closes it as a SIGTERM would.
 */
export async function bootApp(
  env: Record<string, string> = {},
  opts: { dir?: string } = {},
): Promise<AppServer & { logs(): string }> {
  // As `npm start` runs it: React's and Next's production builds (vitest sets NODE_ENV=test).
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  const ownDir = !opts.dir;
  const dir = opts.dir ?? tempDir();
  let out = "";
  const listeners = new Set<() => void>();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      for (const l of listeners) l();
      done();
    },
  });
  const config = loadConfigOrThrow({
    NODE_ENV: "production",
    PORT: "0",
    SIMULATOR_PORT: "0",
    DATABASE_URL: appDbUrl(dir),
    // The data key file in a temp config folder, as for spawned servers: never the user's ~/.config.
    XDG_CONFIG_HOME: configHome(),
    ...env,
  });
  const log = createLogger(config.LOG_LEVEL, sink).child({ role: config.ROLE });
  const app = await createApplication({ config, log, root: ROOT, startSimulator: createSimulator }).catch(
    (e: unknown) => {
      if (ownDir) removeDir(dir);
      throw new Error(`the app did not boot: ${(e as Error).message}\n${out.slice(-4000)}`);
    },
  );
  if (!app.url) throw new Error("bootApp serves the web: ROLE=worker has no URL to return");

  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.match(pattern);
        if (!m) return;
        done();
        resolve(m);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${ms} ms:\n${out.slice(-4000)}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  return {
    url: app.url,
    dir,
    output: () => out,
    logs: () => out,
    waitFor,
    async stop() {
      await app.close();
      if (ownDir) removeDir(dir);
      return 0;
    },
  };
}

export type BootedApp = Awaited<ReturnType<typeof bootApp>>;

/** bootApp with the app's own database opened beside it, for tests that look at what it stored; stop() closes both. */
export async function bootAppWithDb(env: Record<string, string> = {}): Promise<BootedApp & { db: Db }> {
  const app = await bootApp(env);
  const db = createDb(appDbUrl(app.dir));
  return {
    ...app,
    db,
    async stop() {
      await db.$disconnect();
      return app.stop();
    },
  };
}

/**
 * bootAppWithDb against a simulator of its own (`env` is made from it: its URL, tokens, keys); stop()
 * stops the app, then the simulator.
 */
export async function bootAppOnSimulator(
  simOptions: Parameters<typeof createSimulator>[0],
  env: (sim: Simulator) => Record<string, string> | Promise<Record<string, string>>,
): Promise<BootedApp & { db: Db; sim: Simulator }> {
  const sim = await createSimulator(simOptions);
  try {
    const app = await bootAppWithDb(await env(sim));
    return {
      ...app,
      sim,
      async stop() {
        const code = await app.stop();
        await sim.close();
        return code;
      },
    };
  } catch (e) {
    await sim.close();
    throw e;
  }
}
