import { z } from "zod";
import { parseWorkingHours } from "@/lib/time/working-hours";
import { canonicalTimeZone } from "@/lib/time/zone";

// The only reader of process.env. Every default works with no environment at all.
const port = z.coerce.number().int().min(0).max(65535);
const urlList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "use a SQLite file: URL (file:./data/floorpulse.db) or a postgres:// URL")
    .default("file:./data/floorpulse.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SIMULATOR_PORT: port.default(4000),
  /** The built-in simulator's world by name (`npm run simulator -- --help` lists them); unset: the demo campus. */
  SIMULATOR_WORLD: z
    .string()
    .regex(/^[a-z][a-z-]*$/, "a world name such as demo, tower, campus, wifi-only, covered")
    .optional(),
  /** Unset: 1, or the named world's own seed. */
  SIMULATOR_SEED: z.coerce.number().int().min(0).optional(),
  SIMULATOR_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Simulated seconds per second: more than 1 runs the building's day faster (demos, tests). */
  SIMULATOR_SPEED: z.coerce.number().min(0.1).max(1000).default(1),
  /** The built-in simulator puts names, e-mails, phone numbers and social handles in its records (privacy checks). */
  SIMULATOR_PII: z.stringbool().default(false),
  /** How the built-in simulator types buildings: "network" makes them NETWORK-only nodes, like the partner guide's sample hierarchy. */
  SIMULATOR_HIERARCHY: z.enum(["building", "network"]).default("building"),
  /** false: the built-in simulator sends no floor dimension in mapDetails (how the app copes without a floor size). */
  SIMULATOR_MAP_DIMENSION: z.stringbool().default(true),
  SPACES_ACTIVATION_TOKEN: z.string().min(20).optional(),
  PUBLIC_URL: z.url().optional(),
  /** Silence on the Firehose longer than this means the stream is dead (three 15 s keep-alive periods). */
  FIREHOSE_IDLE_MS: z.coerce.number().int().min(1000).default(45_000),
  /** After Cisco refuses the API key, try again this often, so a fixed key recovers without a restart. */
  FIREHOSE_UNAUTHORIZED_RETRY_MS: z.coerce.number().int().min(500).default(60_000),
  /**
   * Cisco refusing the API key this long without a break makes the activation "needs attention" (shown
   * at /setup and on dashboards; retries go on). Only APP_DE_ACTIVATION or a deleted activation deactivates.
   */
  FIREHOSE_ATTENTION_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(24 * 3_600_000),
  /** Longest wait between reconnects (exponential backoff with full jitter up to this). */
  FIREHOSE_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(60_000),
  /** Outgoing bytes queued for one browser socket before its deltas are dropped (it gets a fresh snapshot once it reads again). */
  REALTIME_FLUSH_MS: z.coerce.number().int().min(10).max(1000).default(50),
  REALTIME_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(512 * 1024),
  /** Capacity alerts are POSTed here, signed with HMAC-SHA256 (see README "Capacity alerts"). */
  ALERT_WEBHOOK_URL: z.url().optional(),
  ALERT_WEBHOOK_SECRET: z.string().min(16, "ALERT_WEBHOOK_SECRET must be at least 16 characters").optional(),
  /**
   * Device positions (time travel) are deleted this many hours after they were recorded; minute counts
   * stay for a year. Fractions are allowed (0.5 = 30 minutes).
   */
  /**
   * IANA zone for locations whose building's zone Cisco has not stated yet (it is read from presence and
   * LOCATION_CHANGE records): their days, typical weekday, peaks, CSV times and kiosk clock follow it.
   */
  TIME_ZONE: z
    .string()
    .refine((v) => canonicalTimeZone(v) !== null, "must be an IANA time zone such as Europe/London")
    .default("UTC"),
  POSITION_RETENTION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 366)
    .default(24),
  /** A simulator already running elsewhere (scale-out tests, demos): use it instead of starting one. */
  SIMULATOR_URL: z.url().optional(),

  // Scale-out (README "Deployment").
  /** all: web and ingest in one process; web: Next.js and Socket.IO only; worker: ingest only, no HTTP. */
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  /** Redis for Socket.IO across web nodes and for the worker's live state; required unless ROLE=all. */
  REDIS_URL: z.url().optional(),
  /** ROLE=all: ingest runs on its own thread (the second core); false keeps everything on one thread. */
  INGEST_THREAD: z.stringbool().default(true),
  /** ROLE=worker: the port of its probes (/metrics, /api/health, /api/health/firehose), else PORT; 0 picks a free one. */
  WORKER_PORT: port.optional(),

  // Memory: `npm start` bounds each heap (V8 old generation), so a leak ends in a restart, not a swapped host.
  /** Heap of the web thread (ROLE=all or web), in MB; a process that also ingests adds INGEST_HEAP_MB (processHeapMb). */
  HEAP_MB: z.coerce.number().int().min(64).max(65536).default(256),
  /**
   * Heap for ingest, in MB: the ingest thread's (ROLE=all with INGEST_THREAD), else added to HEAP_MB where
   * this process ingests. A 100,000-person campus (50,000 devices on one floor: the bench's large map)
   * peaks near 180 MB; 192 ran it out of heap.
   */
  INGEST_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(320),

  // Activation, launch and sign-in (lib/auth). Lists are comma-separated.
  /** Our app id in Cisco Spaces: launch tokens for any other app are refused. Simulator mode uses the simulator's. */
  APP_ID: z.string().min(1).optional(),
  /** Cisco Spaces hosts we fetch keys from and activate on (default: the documented region hosts). */
  SPACES_ALLOWED_BASE_URLS: urlList.optional(),
  /**
   * Also accept Cisco's sandbox and pre-production hosts (a draft app's keys and tokens): any https host
   * under Cisco's partner domains, and the partner guide's own example redirect URI. Off in production.
   */
  SPACES_SANDBOX_HOSTS: z.stringbool().default(false),
  /**
   * How Floorpulse is connected to Cisco Spaces (README "Connecting to Cisco Spaces"). multi-tenant: a
   * multi-tenant cloud app; SPACES_API_KEY is the app's partner key, whose one stream carries every
   * customer who activated it through OAuth. single-tenant: each customer activates with a token at
   * /setup (or SPACES_ACTIVATION_TOKEN), or SPACES_API_KEY is the customer's own key. on-prem: the same
   * as single-tenant, with on-prem activation.
   */
  SPACES_APP_TYPE: z.enum(["multi-tenant", "single-tenant", "on-prem"]).default("single-tenant"),
  /** The region of this install's own API key (the getting-started path) and of multi-tenant launches. */
  SPACES_BASE_URL: z.url().optional(),
  /** The multi-tenant app's partner key, or (single-tenant) a customer's own key for their own account. */
  SPACES_API_KEY: z.string().min(8).optional(),
  /** How often ingest looks for activations made or removed on another node (PostgreSQL+Redis: also pushed). */
  ACTIVATION_POLL_MS: z.coerce.number().int().min(200).max(10_000).default(5_000),
  /** OAuth 2.0 client Cisco Spaces uses for multi-tenant activation; the endpoints answer only once a secret is set. */
  OAUTH_CLIENT_ID: z.string().min(1).max(200).default("floorpulse"),
  OAUTH_CLIENT_SECRET: z.string().min(16, "OAUTH_CLIENT_SECRET must be at least 16 characters").optional(),
  /** Redirect URIs accepted besides Cisco's documented OAuthValidation URLs. */
  OAUTH_REDIRECT_URIS: urlList.optional(),
  SUPPORT_EMAIL: z.email().optional(),
  /** AES-256-GCM key for API keys at rest, base64 of 32 bytes; default a 0600 key file (DATA_KEY_FILE). */
  DATA_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
  /** The data key's file when DATA_KEY is unset; default $XDG_CONFIG_HOME/floorpulse/data.key, never the database's folder. */
  DATA_KEY_FILE: z.string().min(1).optional(),
  /** The user's config folder (XDG Base Directory); default ~/.config. Only where the default DATA_KEY_FILE lives. */
  XDG_CONFIG_HOME: z.string().min(1).optional(),
  /** Created as an admin on first start when no user has that email yet. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
  /** App-tile users (Cisco userId emails) who become admins on their first launch; everyone else is a viewer. */
  LAUNCH_ADMIN_EMAILS: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** auto: the demo tenant's admin for loopback visitors while the simulator runs; off: everyone signs in. */
  DEMO_MODE: z.enum(["auto", "off"]).default("auto"),
  /** Trust X-Forwarded-For/-Proto from a reverse proxy in front of us. */
  TRUST_PROXY: z.stringbool().default(false),
  /** How many trusted proxies stand in front (with TRUST_PROXY): the client's address is the X-Forwarded-For
   * entry this many from the right, the one the outermost trusted proxy appended. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** "You are here" calls per minute per kiosk link, across every phone that scanned it. */
  RATE_LIMIT_HERE_PER_KIOSK_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** The venue network's public IPv4 as Cisco Spaces knows it: Devices Lookup's remoteIP for "You are here"
   * (default with the built-in simulator: its venue's address). */
  VENUE_PUBLIC_IP: z.ipv4().optional(),
  /** Seconds without an update after which a kiosk greys a number out (issue 8: two minutes). */
  KIOSK_STALE_AFTER_S: z.coerce.number().int().min(1).max(3600).default(120),
  // Rate limits (lib/http/rate-limit): per minute, a sliding window; addresses are keyed IPv6 by /64.
  // Shared by every web node through REDIS_URL when it is set, else per process.
  /** Sign-in, launch, OAuth token and /appInfo requests per address, and OAuth token requests per client_id. */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Activations at /setup per address and per admin. */
  RATE_LIMIT_SETUP_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** App-tile launches per Cisco Spaces user (a valid token replayed from many addresses). */
  RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** "You are here" calls per minute per address (a phone polls every 3 s: 20). */
  RATE_LIMIT_HERE_PER_MINUTE: z.coerce.number().int().min(1).default(40),
  /** Requests without a session per address: display status, codes, floor images, and API calls with a
   * display link or with no valid credentials at all (token guessing). */
  RATE_LIMIT_DISPLAY_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** API calls per display link (history, forecast, …), whatever the addresses. */
  RATE_LIMIT_KIOSK_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Socket.IO connections opened per minute per address. */
  RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Events one socket may send per minute (a burst of this many, then refilled evenly): past it, it is disconnected. */
  RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: z.coerce.number().int().min(1).default(240),
  /** Prefix of the rate-limit keys in Redis (several installs may share one Redis). */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).max(100).default("fp:rl:"),
  /** Failed password sign-ins per account within 15 minutes before it refuses every attempt for the rest of them. */
  ACCOUNT_LOCKOUT_FAILURES: z.coerce.number().int().min(1).default(10),

  // Health and monitoring (lib/health, lib/metrics, lib/monitoring).
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** instanceId in monitoring/status reports to Cisco Spaces (default: the host name). */
  INSTANCE_ID: z.string().min(1).max(200).optional(),

  // Workplace insights (lib/insights, README "Insights"): working hours and the right-sizing thresholds.
  /** Working hours the insights page starts with, on each building's own clock ("Mon-Fri 08:00-18:00"). */
  INSIGHTS_WORKING_HOURS: z
    .string()
    .refine(
      (v) => parseWorkingHours(v) !== null,
      'INSIGHTS_WORKING_HOURS must look like "Mon-Fri 08:00-18:00" (quarter hours)',
    )
    .default("Mon-Fri 08:00-18:00"),
  /** Runs of occupied minutes shorter than this are people passing through, not meetings. */
  INSIGHTS_MIN_MEETING_MINUTES: z.coerce.number().int().min(1).max(240).default(5),
  /** Empty minutes inside a run that still count as the same meeting (a sensor blinking). */
  INSIGHTS_MEETING_GAP_MINUTES: z.coerce.number().int().min(0).max(30).default(1),
  /** A room is judged on at least this many meetings. */
  INSIGHTS_MIN_MEETINGS: z.coerce.number().int().min(1).default(5),
  /** "95 % of meetings had n people or fewer": the percentile of group sizes the rule reads. */
  INSIGHTS_GROUP_PERCENTILE: z.coerce.number().min(50).max(100).default(95),
  /** A room is oversized when that group size is at or under this share of its capacity. */
  INSIGHTS_OVERSIZED_SHARE: z.coerce.number().gt(0).lt(1).default(0.5),
  /** A room is too small when full for more than this share of working time with data. */
  INSIGHTS_FULL_SHARE: z.coerce.number().min(0).lt(1).default(0.1),
  /** A floor whose peak stays under this share of its capacity is a consolidation candidate. */
  INSIGHTS_FLOOR_PEAK_SHARE: z.coerce.number().gt(0).lt(1).default(0.5),
  /** Working-time data a location needs before any right-sizing rule judges it, hours. */
  INSIGHTS_MIN_DATA_HOURS: z.coerce.number().min(0).default(8),

  // Notification channels (lib/alerts/channels, README "Insights"): alerts and the weekly summary.
  /**
   * SMTP server for e-mail: smtp://user:pass@host:587 (STARTTLS; required when a password is given) or
   * smtps://user:pass@host:465 (TLS from the start). Certificates are always checked.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  /** PEM file of the CA (or self-signed certificate) the SMTP server's certificate is checked against, for a private relay. */
  SMTP_CA_FILE: z.string().min(1).optional(),
  /** Sender and recipients (comma-separated) of alert and summary e-mails; e-mail is off without recipients. */
  ALERT_EMAIL_FROM: z.string().min(3).default("Floorpulse <floorpulse@localhost>"),
  ALERT_EMAIL_TO: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()))
    .optional(),
  /** Microsoft Teams and Slack incoming-webhook URLs. */
  TEAMS_WEBHOOK_URL: z.url().optional(),
  SLACK_WEBHOOK_URL: z.url().optional(),
  /** When the weekly summary goes out, on TIME_ZONE's clock ("Mon 08:00"). */
  WEEKLY_SUMMARY_AT: z
    .string()
    .regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d$/, 'WEEKLY_SUMMARY_AT must look like "Mon 08:00"')
    .default("Mon 08:00"),
  /** Attempts per channel message before it is given up (backoff doubles from 5 s up to 10 min). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Whether ROLE=all hands ingest to a thread of its own (with Redis it stays on the web thread). */
export function ingestThreaded(c: Config): boolean {
  return c.ROLE === "all" && c.INGEST_THREAD && !c.REDIS_URL;
}

/**
 * The process's heap bound (`npm start`'s --max-old-space-size): HEAP_MB, plus INGEST_HEAP_MB where
 * ingest runs on the process's own thread (a worker, or ROLE=all without the ingest thread), so a
 * large campus's engine state fits wherever it is kept.
 */
export function processHeapMb(c: Config): number {
  return c.HEAP_MB + (c.ROLE === "web" || ingestThreaded(c) ? 0 : c.INGEST_HEAP_MB);
}

/** Parses the environment once; throws with every problem listed, one per line. */
export function loadConfigOrThrow(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  const lines = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  if (result.success) lines.push(...crossFieldProblems(result.data).map((p) => `  ${p}`));
  if (lines.length) throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  return Object.freeze(result.data!);
}

/** Rules that tie several settings together. */
function crossFieldProblems(c: z.infer<typeof schema>): string[] {
  const out: string[] = [];
  // The development server compiles on request and its pages need 'unsafe-eval': never where the public reaches it.
  if (c.NODE_ENV !== "production" && (c.PUBLIC_URL?.startsWith("https:") || c.TRUST_PROXY)) {
    out.push(
      `NODE_ENV: ${c.NODE_ENV} runs the development server; an install behind a proxy or on an https PUBLIC_URL must set NODE_ENV=production (npm run build, then npm start)`,
    );
  }
  if (c.ROLE !== "all" && !c.REDIS_URL)
    out.push(`ROLE: ${c.ROLE} needs REDIS_URL (web nodes and workers meet through Redis)`);
  if (c.ROLE !== "all" && c.DATABASE_URL.startsWith("file:"))
    out.push(`ROLE: ${c.ROLE} needs a shared postgres:// DATABASE_URL, not a local SQLite file`);
  if (c.ALERT_EMAIL_TO?.length && !c.SMTP_URL)
    out.push("ALERT_EMAIL_TO: e-mail needs SMTP_URL (smtp://user:pass@host:587)");
  if (c.ROLE !== "all" && !c.DATA_KEY)
    out.push(
      `ROLE: ${c.ROLE} needs DATA_KEY: every node must open the API keys the others sealed (openssl rand -base64 32)`,
    );
  if (c.SPACES_APP_TYPE === "multi-tenant") {
    if (!c.SPACES_API_KEY)
      out.push("SPACES_APP_TYPE: multi-tenant needs SPACES_API_KEY, the app's partner key from the Partner Dashboard");
    if (!c.SPACES_BASE_URL)
      out.push(
        "SPACES_APP_TYPE: multi-tenant needs SPACES_BASE_URL, the region host of the app (https://partners.dnaspaces.io, …)",
      );
    if (!c.OAUTH_CLIENT_SECRET)
      out.push("SPACES_APP_TYPE: multi-tenant needs OAUTH_CLIENT_SECRET: customers activate through OAuth");
  }
  return out;
}

/** Path of the SQLite file a file: URL points at, relative to the working directory. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
