import { parseArgs } from "node:util";
import { createSimulator } from "./server";

const HELP = `Floorpulse built-in Cisco Spaces simulator

Serves the documented Cisco Spaces partner API on 127.0.0.1: the Firehose event stream,
partnerPublicKey, app activation, Location Info, Map Image Info and Map Image. Its building is a
pure function of the seed and the clock, so two runs with one seed emit identical records.

Usage: npm run simulator -- [options]

Options:
  --port <n>        port to listen on (default 4000; 0 picks a free one)
  --seed <n>        world seed (default 1)
  --people <n>      people in the building (default 40)
  --tick-ms <n>     simulation step in milliseconds (default 1000)
  --mint-activation print a fresh activation token, then keep serving
  -h, --help        show this help

Endpoints:
  GET  /api/partners/v1/firehose/events[?fromTimestamp=ms]   (X-API-KEY)
  GET  /client/v1/partner/partnerPublicKey[/:version]
  POST /client/v1/partner/activateSingleTenantCloudApp | activateOnPremiseApp
  GET  /api/partners/v1/locations/:locationId, /maps/:mapId, /maps/:mapId/image
  POST /admin/tokens/activation, /admin/tokens/launch          (demo and test tokens)
`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4000" },
    seed: { type: "string", default: "1" },
    people: { type: "string", default: "40" },
    "tick-ms": { type: "string", default: "1000" },
    "mint-activation": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const num = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got "${v}"\n`);
    process.exit(2);
  }
  return n;
};

const sim = await createSimulator({
  port: num("port", values.port),
  seed: num("seed", values.seed),
  people: num("people", values.people),
  tickMs: num("tick-ms", values["tick-ms"]) || 1000,
});
process.stdout.write(`Cisco Spaces simulator listening on ${sim.url} (app ${sim.appId})\n`);
if (values["mint-activation"]) process.stdout.write(`Activation token: ${await sim.mintActivationToken()}\n`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
