// `npm start`: build when needed, then run server.ts in production mode (Next.js, Socket.IO, ingest,
// and the built-in Cisco Spaces simulator when no activation is configured).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureBuild, ensureInstalled, ensurePrismaClient, root } from "./prepare.mjs";

const HELP = `Floorpulse: live occupancy for Cisco Spaces

Usage: npm start [-- --help]

Starts the dashboard on http://127.0.0.1:3000 with SQLite at ./data/floorpulse.db and the built-in
Cisco Spaces simulator on 127.0.0.1:4000. It builds on the first run and after source changes.

Environment (all optional):
  PORT                      dashboard port (3000; 0 picks a free one)
  HOST                      interface to listen on (127.0.0.1; 0.0.0.0 for every interface)
  PUBLIC_URL                the URL people reach the dashboard at, when behind a proxy
  DATABASE_URL              SQLite file URL (file:./data/floorpulse.db)
  SPACES_ACTIVATION_TOKEN   a Cisco Spaces activation token: use Cisco instead of the simulator
  SIMULATOR_PORT            simulator port (4000; 0 picks a free one)
  SIMULATOR_SEED            simulator world seed (1)
  SIMULATOR_TICK_MS         simulator step in ms (1000; smaller runs the building faster)
  LOG_LEVEL                 fatal | error | warn | info | debug | trace | silent (info)

Stop with Ctrl+C: the stream is closed and pending writes are flushed.
`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}

ensureInstalled();
ensurePrismaClient();
ensureBuild();

// node with the tsx loader, not the tsx CLI: its wrapper SIGKILLs a busy server that does not answer a
// signal within 30 ms, which would cut the graceful shutdown short.
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
