// Composition root: config → migrations → simulator (when no Cisco Spaces activation is configured)
// → Next.js and Socket.IO on one HTTP server → activation → ingest → graceful shutdown.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { activateWithToken } from "@/lib/activation/activate";
import { peekActivationToken, normaliseBaseUrl } from "@/lib/activation/activation-token";
import { loadConfigOrThrow, type Config } from "@/lib/config";
import { startIngest, type Ingest } from "@/lib/ingest/worker";
import { createLogger } from "@/lib/log";
import { attachRealtime } from "@/lib/realtime/server";
import { setRegistry } from "@/lib/registry";
import { SPACES_REGIONS } from "@/lib/spaces/regions";
import { findActiveActivations, setActivationStatus, type ActiveActivation } from "@/lib/store/activations";
import { createDb, type Db } from "@/lib/store/db";
import { listLocations } from "@/lib/store/locations";
import { applyMigrations } from "@/lib/store/migrate";
import { createSimulator, type Simulator } from "./simulator/server";

const root = dirname(fileURLToPath(import.meta.url));

let config: Config;
try {
  config = loadConfigOrThrow();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);
const started = Date.now();

await applyMigrations(root, config.DATABASE_URL);
const db = createDb(config.DATABASE_URL);

let simulator: Simulator | null = null;
if (!config.SPACES_ACTIVATION_TOKEN) {
  simulator = await createSimulator({ port: config.SIMULATOR_PORT, seed: config.SIMULATOR_SEED, tickMs: config.SIMULATOR_TICK_MS });
  log.info({ url: simulator.url }, "built-in Cisco Spaces simulator started (no activation configured)");
}

let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
const httpServer = createServer((req, res) => {
  if (handler) return handler(req, res);
  res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "2" }).end("Floorpulse is starting");
});
await new Promise<void>((resolve, reject) => {
  httpServer.once("error", reject);
  httpServer.listen(config.PORT, config.HOST, () => resolve());
});
const port = (httpServer.address() as AddressInfo).port;
const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${port}`;

const dev = config.NODE_ENV !== "production";
const app = next({ dev, dir: root, hostname: config.HOST, port });
await app.prepare();
const handle = app.getRequestHandler();

const realtime = attachRealtime(httpServer, log, await listLocations(db));
setRegistry({ db, hub: realtime.hub, log });
handler = (req, res) => void handle(req, res);

const ingests: Ingest[] = [];
for (const activation of await resolveActivations(db, config, simulator)) {
  ingests.push(await startIngest({ activation, db, hub: realtime.hub, log }));
}

process.stdout.write(`Floorpulse ready on ${publicUrl} (${simulator ? "built-in simulator" : "Cisco Spaces"}, started in ${Date.now() - started} ms)\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  await Promise.all(ingests.map((i) => i.close())); // closes the streams and flushes pending writes
  await realtime.close();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await simulator?.close();
  await db.$disconnect();
  clearTimeout(force);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

/** The activations to ingest from, activating through the documented token flow when there is none. */
async function resolveActivations(db: Db, c: Config, sim: Simulator | null): Promise<ActiveActivation[]> {
  const existing = await findActiveActivations(db);
  if (sim) {
    const mine = existing.filter((a) => a.baseUrl === sim.url);
    if (mine.length) return mine;
    // A demo activation from a simulator on another port cannot be reached any more.
    for (const a of existing) if (!SPACES_REGIONS.includes(normaliseBaseUrl(a.baseUrl) as (typeof SPACES_REGIONS)[number])) await setActivationStatus(db, a.id, "deactivated", "simulator moved");
    const res = await fetch(`${sim.url}/admin/tokens/activation`, { method: "POST", body: "{}" });
    const { token } = (await res.json()) as { token: string };
    return [await activateWithToken({ token, kind: "single-tenant", allowedBaseUrls: [sim.url], dashboardUrl: publicUrl, db, log })];
  }
  const token = c.SPACES_ACTIVATION_TOKEN!;
  const ref = peekActivationToken(token).activationRefId;
  const rows = await db.activation.findMany({ where: { activationRefId: ref } });
  if (rows.length) return existing.filter((a) => rows.some((r) => r.id === a.id));
  return [await activateWithToken({ token, kind: "single-tenant", allowedBaseUrls: [...SPACES_REGIONS], dashboardUrl: publicUrl, db, log })];
}
