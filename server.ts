// Entry point: config → the application (lib/app.ts) → graceful shutdown. ROLE=all (the default) is
// one process on SQLite with no Redis, its ingest on a thread of its own (ingest-thread.ts); the built-in
// simulator stands in for Cisco Spaces when no activation is configured. `npm run build` compiles this
// file into dist/server.mjs, which `npm start` runs.
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApplication, type Application } from "@/lib/app";
import { loadConfigOrThrow, type Config } from "@/lib/config";
import { createLogger } from "@/lib/log";
import { createSimulator } from "./simulator/server";

// The project directory (Next's build, the migrations): this file's, or its parent's when compiled into dist/.
const here = dirname(fileURLToPath(import.meta.url));
const compiled = basename(here) === "dist";
const root = compiled ? dirname(here) : here;

let config: Config;
try {
  config = loadConfigOrThrow();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL).child({ role: config.ROLE });
const started = Date.now();
let app: Application | null = null;
let stopping = false;
// From the first moment: a signal during start-up ends the process once what has started is closed.
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

async function shutdown(reason: string) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  await app?.close();
  clearTimeout(force);
  process.exit(reason.startsWith("SIG") ? 0 : 1);
}

try {
  app = await createApplication({
    config,
    log,
    root,
    startSimulator: createSimulator,
    // ROLE=all runs ingest on a thread of its own (INGEST_THREAD): compiled beside this file, or under tsx.
    ingestThread: compiled
      ? { file: join(here, "ingest-thread.mjs"), typescript: false }
      : { file: join(root, "ingest-thread.ts"), typescript: true },
    onFatal: (reason) => void shutdown(reason),
  });
} catch (e) {
  log.error({ err: (e as Error).message }, "Floorpulse failed to start");
  process.exit(1);
}
const took = Date.now() - started;
if (app.url)
  process.stdout.write(`Floorpulse ready on ${app.url} (${app.source}, ${config.ROLE}, started in ${took} ms)\n`);
else
  process.stdout.write(`Floorpulse worker ready (${app.source}, probes on ${app.probeUrl}, started in ${took} ms)\n`);
