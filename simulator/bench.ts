// `tsx simulator/bench.ts [--seconds 10] [--people 200]`: how fast the simulator makes records at
// full speed, alone (generator) and over HTTP to a reader in another process. Prints one JSON line;
// events_per_cpu_s is per CPU second of the simulator process (fairer on a shared machine).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createSimulator } from "./server";
import { Sink } from "./sink";
import { createWorld } from "./world";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    people: { type: "string", default: "200" },
    "update-ms": { type: "string", default: "5000" },
    start: { type: "string", default: "2026-01-05T10:00:00Z" },
  },
});
const seconds = Number(values.seconds);
const people = Number(values.people);
const updateMs = Number(values["update-ms"]);
const startAt = Date.parse(values.start);

interface Run {
  events: number;
  bytes: number;
  ms: number;
  cpuMs: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

function generatorOnly(): Run {
  const world = createWorld({ seed: 1, people, tenants: 1, buildings: 1, tickMs: 1000, updateMs, pii: false });
  const g = world.generators[0]!;
  let tick = Math.floor(startAt / 1000);
  let events = 0;
  let bytes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const sink = new Sink(1 << 20);
  while (performance.now() - t0 < seconds * 1000) {
    sink.reset();
    events += g.writeTick(tick++, sink, false);
    bytes += sink.len;
  }
  return { events, bytes, ms: performance.now() - t0, cpuMs: cpuMs(c0) };
}

// The reader is a separate process (as a real consumer would be), so the figure is what the
// simulator process can serve; it counts lines and bytes and reports them on exit.
const READER = `
const http = require("node:http");
const [url, key, ms] = process.argv.slice(1);
let events = 0, bytes = 0;
const t0 = Date.now();
const req = http.get(url, { headers: { "X-API-KEY": key } }, (res) => {
  res.on("data", (c) => {
    bytes += c.length;
    for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) events++;
  });
});
req.on("error", () => {});
setTimeout(() => { process.stdout.write(JSON.stringify({ events, bytes, ms: Date.now() - t0 })); process.exit(0); }, Number(ms));
`;

async function overHttp(): Promise<Run> {
  const sim = await createSimulator({ seed: 1, people, tenants: 1, updateMs, speed: "max", startAt });
  const url = `${sim.url}/api/partners/v1/firehose/events?fromTimestamp=${startAt}`;
  const c0 = process.cpuUsage();
  const child = spawn(process.execPath, ["-e", READER, url, sim.partnerKey, String(seconds * 1000)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once("exit", r));
  const cpu = cpuMs(c0);
  await sim.close();
  const r = JSON.parse(out) as { events: number; bytes: number; ms: number };
  return { ...r, cpuMs: cpu };
}

// Per CPU second as well as per wall second: on a shared machine the wall figure depends on the
// neighbours.
const rate = (r: Run) => ({
  events: r.events,
  events_per_s: Math.round((r.events / r.ms) * 1000),
  events_per_cpu_s: Math.round((r.events / r.cpuMs) * 1000),
  mb_per_s: Math.round((r.bytes / r.ms / 1000) * 10) / 10,
});
const gen = rate(generatorOnly());
const http = rate(await overHttp());
process.stdout.write(
  `${JSON.stringify({ people, update_ms: updateMs, seconds, load_average_1m: loadavg()[0], generator: gen, http })}\n`,
);
process.exit(0);
