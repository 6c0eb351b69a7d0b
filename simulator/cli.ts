import { parseArgs } from "node:util";
import { ADMIN_ROUTES } from "./admin-api";
import { BUILDING_TYPINGS } from "./campus";
import { parseFaultFlag, type FaultSpec } from "./faults";
import { createSimulator } from "./server";
import { WORLDS, worldPreset } from "./worlds";

const HELP = `Floorpulse built-in Cisco Spaces simulator

Serves the documented Cisco Spaces partner API over a simulated campus: the Firehose event stream,
partnerPublicKey, app activation, Location Info, Map Image Info and Map Image, Healthcheck Info,
monitoring/status, Devices Lookup and MAC filters. People arrive in the morning, peak at lunch and
leave in the evening (a night crew stays); every record is a pure function of the seed and the
simulated time, so two runs with one seed, or a replay with fromTimestamp, give identical records.

Usage: npm run simulator -- [options]

World
  --world <name>          a named world (also SIMULATOR_WORLD); --seed, --people, --tenants override its values:
${WORLDS.map((w) => `                            ${w.name.padEnd(10)} ${w.summary}`).join("\n")}
  --seed <n>              world seed (default 1)
  --people <n>            people on the demo campus (default 200; a branch tenant gets a quarter)
  --tenants <n>           1 to 3 tenants (default 2; the partner key carries them all)
  --buildings <n>         1 (HQ) or 2 (HQ and the Annex) on the demo campus (default 1)
  --hierarchy <typing>    building: buildings typed NETWORK+BUILDING (default); network: NETWORK
                          only, like the sample hierarchy of the partner guide's Location Info
  --no-map-dimension      floors' mapDetails (Location Info, LOCATION_CHANGE) carry no dimension
  --pii                   put names, e-mails, phone numbers and social handles in records
Time
  --tick-ms <n>           simulation step in ms (default 1000)
  --update-ms <n>         location update period per device in ms (default 5000)
  --speed <n|max>         simulated seconds per second (default 1); max streams as fast as read
  --full-speed            the same as --speed max (benchmarks: 100,000+ events/s)
  --start <iso|ms>        simulated time at start (default now), e.g. 2026-01-05T09:00:00Z
  --keep-alive-ms <n>     KEEP_ALIVE after this much silence (default 15000)
  --replay-window-ms <n>  how far back fromTimestamp reaches (default 3600000)
Server
  --port <n>              port (default 4000; 0 picks a free one)
  --host <addr>           address to listen on (default 127.0.0.1)
  --public-url <url>      base URL that tokens name (default http://<host>:<port>)
  --app-id <id>           the app's id (default derived from the seed)
Tokens (printed at start; the server keeps running)
  --mint-activation       print an activation token
  --mint-launch <userId>  print an app-tile launch token for that user
  --launch <url>          print a URL that opens the app tile: POSTs token, version, appId to <url>
  --tenant <n>            tenant the tokens are for (default 0)
  --key-version <v1|v2>   signing key (default v1)
  --ttl <seconds>         token lifetime (negative: already expired)
Faults (repeatable; also at run time through /admin/faults)
  --fault <type[:k=v,...]>  cut:afterLines=N | stall:afterLines=N,seconds=S | duplicates:every=N |
                            reorder:window=N | malformed:every=N | oversized:every=N,bytes=B |
                            unauthorized:key=K | unavailable:seconds=S,status=503 |
                            slow:bytesPerSecond=N | skew:skewSeconds=S   (add key=K to scope to a key)
  -h, --help              show this help

Partner API (X-API-KEY; ?partnerTenantId=)
  GET  /api/partners/v1/firehose/events[?fromTimestamp=ms]
  GET  /api/partners/v1/locations/:locationId      GET /api/partners/v1/maps/:mapId[/image]
  GET  /api/partners/v1/firehose/health            PUT /api/partners/v1/monitoring/status
  GET  /api/partners/v1/devices/lookup?remoteIP&clientIP
  GET|PUT /api/partners/v1/firehose/filters
  GET  /client/v1/partner/partnerPublicKey[/:version]
  POST /client/v1/partner/activateSingleTenantCloudApp | activateOnPremiseApp   (Bearer token)
  GET  /partner/OAuthValidation                     (the OAuth driver's redirect URI)
Admin
${ADMIN_ROUTES.map((r) => `  ${r}`).join("\n")}
`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4000" },
    host: { type: "string", default: "127.0.0.1" },
    world: { type: "string" },
    seed: { type: "string" },
    people: { type: "string" },
    tenants: { type: "string" },
    buildings: { type: "string", default: "1" },
    hierarchy: { type: "string", default: "building" },
    "no-map-dimension": { type: "boolean", default: false },
    pii: { type: "boolean", default: false },
    "tick-ms": { type: "string", default: "1000" },
    "update-ms": { type: "string", default: "5000" },
    speed: { type: "string", default: "1" },
    "full-speed": { type: "boolean", default: false },
    start: { type: "string" },
    "keep-alive-ms": { type: "string", default: "15000" },
    "replay-window-ms": { type: "string", default: "3600000" },
    "public-url": { type: "string" },
    "app-id": { type: "string" },
    "mint-activation": { type: "boolean", default: false },
    "mint-launch": { type: "string" },
    launch: { type: "string" },
    tenant: { type: "string", default: "0" },
    "key-version": { type: "string", default: "v1" },
    ttl: { type: "string" },
    fault: { type: "string", multiple: true, default: [] },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function fail(message: string): never {
  process.stderr.write(`${message}\nRun with --help for the options.\n`);
  process.exit(2);
}

const int = (name: string, v: string, min = 0) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got "${v}"`);
  return n;
};

const speed: number | "max" = values["full-speed"] || values.speed === "max" ? "max" : Number(values.speed);
if (speed !== "max" && !(speed > 0)) fail(`--speed must be a positive number or "max", got "${values.speed}"`);
let startAt: number | undefined;
if (values.start) {
  startAt = /^\d+$/.test(values.start) ? Number(values.start) : Date.parse(values.start);
  if (!Number.isFinite(startAt)) fail(`--start must be an ISO date or epoch ms, got "${values.start}"`);
}
let faults: FaultSpec[];
try {
  faults = values.fault.map(parseFaultFlag);
} catch (e) {
  fail((e as Error).message);
}
const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttlSeconds !== undefined && !Number.isFinite(ttlSeconds)) fail(`--ttl must be a number of seconds`);
const tenant = int("tenant", values.tenant);
const hierarchy =
  BUILDING_TYPINGS.find((t) => t === values.hierarchy) ??
  fail(`--hierarchy must be one of ${BUILDING_TYPINGS.join(", ")}, got "${values.hierarchy}"`);
const worldName = values.world ?? (process.env.SIMULATOR_WORLD || undefined);
if (worldName !== undefined && !worldPreset(worldName))
  fail(`--world must be one of ${WORLDS.map((w) => w.name).join(", ")}, got "${worldName}"`);
const keyVersion = values["key-version"];

const sim = await createSimulator({
  port: int("port", values.port),
  host: values.host,
  world: worldName,
  seed: values.seed === undefined ? undefined : int("seed", values.seed),
  people: values.people === undefined ? undefined : int("people", values.people, 1),
  tenants: values.tenants === undefined ? undefined : int("tenants", values.tenants, 1),
  buildings: int("buildings", values.buildings, 1),
  hierarchy,
  mapDimension: !values["no-map-dimension"],
  pii: values.pii,
  tickMs: int("tick-ms", values["tick-ms"], 10),
  updateMs: int("update-ms", values["update-ms"], 100),
  speed,
  startAt,
  keepAliveMs: int("keep-alive-ms", values["keep-alive-ms"], 100),
  replayWindowMs: int("replay-window-ms", values["replay-window-ms"], 1000),
  publicUrl: values["public-url"],
  appId: values["app-id"],
  faults,
});

const out = (s: string) => process.stdout.write(`${s}\n`);
out(
  `Cisco Spaces simulator listening on ${sim.url} (app ${sim.appId}, ${worldName ? `world ${worldName}, ` : ""}seed ${sim.world.seed}, speed ${speed})`,
);
out(`Partner API key (all tenants): ${sim.partnerKey}`);
if (values["mint-activation"])
  out(`Activation token: ${await sim.mintActivationToken({ tenant, keyVersion, ttlSeconds })}`);
if (values["mint-launch"])
  out(`Launch token: ${await sim.mintLaunchToken({ userId: values["mint-launch"], tenant, keyVersion, ttlSeconds })}`);
if (values.launch) {
  const u = new URL("/admin/launch", sim.url);
  u.searchParams.set("dashboardUrl", values.launch);
  u.searchParams.set("tenant", String(tenant));
  u.searchParams.set("keyVersion", keyVersion);
  out(`Open to launch the app tile: ${u}`);
}
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
