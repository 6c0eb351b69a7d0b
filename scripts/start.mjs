// `npm start`: build when needed, then run the compiled server (dist/server.mjs) in production mode (Next.js, Socket.IO, ingest,
// and the built-in Cisco Spaces simulator when no activation is configured).
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuild, ensureInstalled, ensurePrismaClient, ensureServerBuild, root } from "./prepare.mjs";

const HELP = `Floorpulse: live occupancy for Cisco Spaces

Usage: npm start [-- --help]

Starts the dashboard on http://127.0.0.1:3000 with SQLite at ./data/floorpulse.db and the built-in
Cisco Spaces simulator on 127.0.0.1:4000. It builds on the first run and after source changes.

Environment (all optional; README.md and docs/activation.md say more):
  PORT, HOST                where to listen (3000, 127.0.0.1; 0.0.0.0 for every interface)
  PUBLIC_URL                the URL people reach the dashboard at, when behind a proxy
  DATABASE_URL              file:./data/floorpulse.db, or postgresql://user@host:5432/db
  LOG_LEVEL                 fatal | error | warn | info | debug | trace | silent (info)

  Cisco Spaces (without any of these the built-in simulator runs, in demo mode)
  SPACES_ACTIVATION_TOKEN   activate with this token at start (or paste it at /setup)
  SPACES_APP_TYPE           multi-tenant | single-tenant | on-prem (single-tenant); README "Connecting to Cisco Spaces"
  SPACES_API_KEY, SPACES_BASE_URL   a multi-tenant app's partner key and region, else your own account's key
  ACTIVATION_POLL_MS (5000) how soon activations made on another node are streamed here
  SPACES_ALLOWED_BASE_URLS  Cisco hosts we may call (default: the documented regions)
  APP_ID                    our app id in Cisco Spaces (launch tokens for others are refused)
  OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_REDIRECT_URIS   multi-tenant OAuth endpoints
  SUPPORT_EMAIL             shown to Cisco by /appInfo

  Accounts and security
  ADMIN_EMAIL, ADMIN_PASSWORD   first admin, created on first start
  LAUNCH_ADMIN_EMAILS       app-tile users who become admins on first launch
  DATA_KEY                  base64 32-byte key sealing API keys (default: a 0600 key file)
  DATA_KEY_FILE             that key file (default $XDG_CONFIG_HOME/floorpulse/data.key, ~/.config without it);
                            never in the database's folder. Rotate with: npm run rotate-data-key
  SESSION_TTL_HOURS (12), DEMO_MODE (auto|off), TRUST_PROXY (false)
  TRUST_PROXY_HOPS (1)      trusted proxies in front: the address is the X-Forwarded-For entry this far from the right

  Rate limits, per minute (shared through REDIS_URL when set; IPv6 addresses counted by /64)
  RATE_LIMIT_AUTH_PER_MINUTE (60)      sign-in, launch, OAuth token per address; OAuth token per client_id
  ACCOUNT_LOCKOUT_FAILURES (10)        failed sign-ins per account within 15 min before it is locked
  RATE_LIMIT_SETUP_PER_MINUTE (20)     /setup activations per address and per admin
  RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE (10)   app-tile launches per Cisco Spaces user
  RATE_LIMIT_HERE_PER_MINUTE (40), RATE_LIMIT_HERE_PER_KIOSK_PER_MINUTE (300)   "You are here"
  RATE_LIMIT_DISPLAY_PER_MINUTE (600)  requests without a session per address (displays, token guesses)
  RATE_LIMIT_KIOSK_PER_MINUTE (300)    API calls per display link
  RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE (60)   Socket.IO connections per address
  RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE (240)    events per socket; past it the socket is disconnected
  RATE_LIMIT_KEY_PREFIX (fp:rl:)       prefix of the rate-limit keys in Redis

  Venue
  VENUE_PUBLIC_IP           venue network's public IPv4 for "You are here" (Devices Lookup remoteIP)
  KIOSK_STALE_AFTER_S (120) kiosk numbers grey out after this long without an update
  TIME_ZONE (UTC)           IANA zone for buildings whose zone Cisco has not stated yet

  Privacy
  POSITION_RETENTION_HOURS  device positions (time travel) are deleted after this many hours (24);
                            minute counts are kept for a year. Fractions allowed (0.5 = 30 min)

  Operations
  METRICS_TOKEN             bearer token for GET /metrics
  INSTANCE_ID               instanceId in monitoring reports to Cisco (host name)
  ALERT_WEBHOOK_URL, ALERT_WEBHOOK_SECRET   capacity alerts, signed with HMAC-SHA256
  SMTP_URL                  e-mail alerts and summary: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465
  SMTP_CA_FILE              PEM CA of a private SMTP relay (its certificate is always checked)
  ALERT_EMAIL_TO, ALERT_EMAIL_FROM   recipients (comma-separated) and sender
  TEAMS_WEBHOOK_URL, SLACK_WEBHOOK_URL   Teams (Adaptive Card) and Slack (Block Kit) incoming webhooks
  WEEKLY_SUMMARY_AT (Mon 08:00), OUTBOX_MAX_ATTEMPTS (12)
  FIREHOSE_IDLE_MS (45000), FIREHOSE_BACKOFF_MAX_MS (60000), FIREHOSE_UNAUTHORIZED_RETRY_MS (60000)
  FIREHOSE_ATTENTION_AFTER_MS (86400000)   a key refused this long makes its activation "needs attention"
  REALTIME_FLUSH_MS (50)    coalescing window: changes reach browsers at most this late (lower: more messages)
  REALTIME_MAX_BUFFERED_BYTES (524288)   bytes queued for one socket before its deltas are dropped

  Scale-out (README "Deployment")
  ROLE                      all | web | worker (all)
  REDIS_URL                 required for web and worker roles
  INGEST_THREAD (true)      ROLE=all: ingest on its own thread (both cores); false runs everything on one
  WORKER_PORT               ROLE=worker: port of /metrics, /api/health, /api/health/firehose (PORT)

  Memory
  HEAP_MB (256)             heap bound of the web thread (ROLE=all or web)
  INGEST_HEAP_MB (320)      heap bound of the ingest thread; where ingest runs on the process's own
                            thread (ROLE=worker, or ROLE=all with Redis or INGEST_THREAD=false) the
                            process gets HEAP_MB + INGEST_HEAP_MB

  Built-in simulator
  SIMULATOR_PORT (4000), SIMULATOR_SEED (1), SIMULATOR_SPEED (1), SIMULATOR_TICK_MS (1000)
  SIMULATOR_WORLD           a named world: demo (default), tower, campus, wifi-only, covered
  SIMULATOR_PII (false)     put names, e-mails, phones and social handles in the simulator's records
  SIMULATOR_URL             use a simulator already running there instead of starting one

Stop with Ctrl+C or SIGTERM: browsers are told and disconnected (they reconnect on their own), the stream is
closed and the last batch is written.
`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}

ensureInstalled();
ensurePrismaClient();
ensureBuild();
await ensureServerBuild();

// The compiled server (dist/, from `npm run build`): plain JavaScript, no TypeScript compiler at run time.
// Its heap is bounded (processHeapMb: HEAP_MB, plus INGEST_HEAP_MB where it ingests on its own thread; the
// ingest thread has its own, INGEST_HEAP_MB), read from the one config
// by a short-lived node: this wrapper stays small while the server runs (zod alone would add ~14 MB).
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
const configUrl = pathToFileURL(join(root, "dist/config.mjs")).href;
const probe = spawnSync(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    `import { loadConfigOrThrow, processHeapMb } from ${JSON.stringify(configUrl)};
     try { process.stdout.write(String(processHeapMb(loadConfigOrThrow()))); }
     catch (e) { process.stderr.write(e.message + "\\n"); process.exit(1); }`,
  ],
  { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (probe.status !== 0) process.exit(1);
const child = spawn(process.execPath, [`--max-old-space-size=${Number(probe.stdout)}`, "dist/server.mjs"], {
  cwd: root,
  stdio: "inherit",
  env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
