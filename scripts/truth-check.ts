// Compares the engine's people counts with the simulator's ground truth, straight from the stream:
// starts the built-in simulator at full speed, feeds its Firehose into the ingest pipeline, and at
// every sample time asks /admin/occupancy who was really where. Prints the mean and p90 absolute
// percentage error per level (locations with at least --min-people really there) and the number of
// parents shown below one of their children.
//   npx tsx scripts/truth-check.ts --seed 3 --people 400 --buildings 2 --start 2026-01-06T07:00:00Z --hours 12
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createLineSplitter } from "@/lib/firehose/ndjson";
import { createPipeline } from "@/lib/ingest/pipeline";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    people: { type: "string", default: "200" },
    buildings: { type: "string", default: "1" },
    start: { type: "string", default: "2026-01-06T06:00:00Z" },
    hours: { type: "string", default: "12" },
    "every-min": { type: "string", default: "15" },
    // 37, not 30: samples then never fall on the hour or half-hour, when simulated meetings start and end
    // and a room counter and the truth can be a few seconds apart across the change.
    "warmup-min": { type: "string", default: "37" },
    "min-people": { type: "string", default: "5" },
    /** Simulated seconds per second ("max": as fast as the pipeline reads); the truth is a pure function of time either way. */
    speed: { type: "string", default: "max" },
    polygons: { type: "boolean", default: false },
    /** Drop DEVICE_COUNT's userCount, as from a deployment that does not send it: floors then rest on the learned ratio. */
    "no-user-count": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});

const start = Date.parse(values.start);
const end = start + Number(values.hours) * 3_600_000;
const every = Number(values["every-min"]) * 60_000;
const minPeople = Number(values["min-people"]);

const sim = spawn(
  join(process.cwd(), "node_modules/.bin/tsx"),
  [
    "simulator/cli.ts",
    "--port",
    "0",
    "--tenants",
    "1",
    "--seed",
    values.seed,
    "--people",
    values.people,
    "--buildings",
    values.buildings,
    "--speed",
    values.speed,
    "--start",
    String(start),
  ],
  { detached: true, stdio: ["ignore", "pipe", "inherit"] },
);
let out = "";
const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
  sim.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    const key = /Partner API key \(all tenants\): (\S+)/.exec(out)?.[1];
    if (url && key) resolve({ url, key });
  });
  sim.on("exit", (code) => reject(new Error(`simulator exited (${code})`)));
});
const stop = () => {
  try {
    process.kill(-sim.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    process.exit(1);
  });
}

interface World {
  floors: Array<{ locationId: string; buildingId: string }>;
  zones: Array<{ locationId: string; floorId: string; polygon: Array<[number, number]> }>;
  buildings?: unknown;
}
interface Truth {
  floors: Array<{ locationId: string; people: number }>;
  zones: Array<{ locationId: string; people: number }>;
}

const errors: Record<"floor" | "building" | "zone", number[]> = { floor: [], building: [], zone: [] };
let inversions = 0;

try {
  const { url, key } = await ready;
  const world = (await (await fetch(`${url}/admin/world?tenant=0`)).json()) as World;
  const pipeline = createPipeline({ partnerTenantId: null });
  const engine = pipeline.engine;
  if (values.polygons) for (const z of world.zones) engine.setZonePolygon(z.locationId, z.polygon);
  const buildings = [...new Set(world.floors.map((f) => f.buildingId))];
  let next = start + Number(values["warmup-min"]) * 60_000;

  const res = await fetch(`${url}/api/partners/v1/firehose/events`, { headers: { "X-API-KEY": key } });
  const decoder = new TextDecoder();
  const splitter = createLineSplitter(
    (line) => pipeline.accept(values["no-user-count"] ? line.replace(/"userCount":/, '"userCountDropped":') : line),
    () => pipeline.reject("oversized", "line longer than 1 MiB"),
  );
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    splitter.push(decoder.decode(chunk, { stream: true }));
    if (pipeline.clock < next) continue;
    pipeline.settle();
    const at = pipeline.clock;
    const truth = (await (await fetch(`${url}/admin/occupancy?tenant=0&at=${at}`)).json()) as Truth;
    const floorPeople = new Map(truth.floors.map((f) => [f.locationId, f.people]));
    const row: string[] = [new Date(at).toISOString().slice(11, 16)];
    const score = (level: keyof typeof errors, id: string, real: number) => {
      const shown = engine.occupancy(id);
      if (values.verbose) row.push(`${level[0]}:${shown.count}/${real}(${shown.rollup ? "sum" : shown.source})`);
      if (real >= minPeople) errors[level].push(Math.abs(shown.count - real) / real);
    };
    for (const b of buildings)
      score(
        "building",
        b,
        world.floors.filter((f) => f.buildingId === b).reduce((n, f) => n + (floorPeople.get(f.locationId) ?? 0), 0),
      );
    for (const f of truth.floors) score("floor", f.locationId, f.people);
    // Zones only where a people source or a polygon can see them: other zones are not measured at all.
    for (const z of truth.zones)
      if (engine.occupancy(z.locationId).source !== null) score("zone", z.locationId, z.people);
    for (const l of engine.locations()) {
      if (!l.parentId) continue;
      const c = engine.occupancy(l.id);
      if (c.source !== null && engine.occupancy(l.parentId).count < c.count) inversions++;
    }
    if (values.verbose) process.stdout.write(`${row.join(" ")}\n`);
    next += every;
    if (next > end) break;
  }
} finally {
  stop();
}

const stats = (xs: number[]) => {
  if (!xs.length) return "n/a";
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const p90 = s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!;
  return `mean ${(mean * 100).toFixed(1)} %, p90 ${(p90 * 100).toFixed(1)} % (n=${s.length})`;
};
process.stdout.write(
  `seed ${values.seed}, speed ${values.speed}, ${values.people} people, ${values.buildings} building(s)${values.polygons ? ", zone polygons set" : ""}${values["no-user-count"] ? ", no userCount" : ""}\n` +
    `  building ${stats(errors.building)}\n  floor    ${stats(errors.floor)}\n  zone     ${stats(errors.zone)}\n  hierarchy inversions ${inversions}\n`,
);
process.exit(0);
