// `npm run replay -- FILE [--dry-run]`: a Trace Firehose download through the same decode, dedupe and
// engine path as the live stream. Prints one JSON line with what it read and the occupancy at the end.
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { loadConfigOrThrow } from "@/lib/config";
import { createLineSplitter } from "@/lib/firehose/ndjson";
import { createPipeline, type Pipeline } from "@/lib/ingest/pipeline";
import { shownLabel, sourceWords } from "@/lib/occupancy/present";
import { createDb, type Db } from "@/lib/store/db";
import { writeBuckets } from "@/lib/store/ingest-batch";
import { upsertLocations } from "@/lib/store/locations";
import { ensureTenant } from "@/lib/store/tenants";
import { applyMigrations } from "@/lib/store/migrate";

const HELP = `Usage: npm run replay -- FILE [--dry-run]

Ingests a Cisco Spaces Trace Firehose download (one JSON event per line; .txt, .ndjson or .gz)
through the same decoding, de-duplication and occupancy engine as the live stream.

  FILE        the download; gzip is detected by its content
  --dry-run   keep everything in memory; write nothing to the database
  -h, --help  show this help

Without --dry-run the minute history and the locations go to DATABASE_URL (default
file:./data/floorpulse.db). Prints one JSON line on stdout:
  {"lines","events","duplicates","malformed","unknown","byType":{TYPE:n},"occupancy":[...]}
with occupancy as of the file's last recordTimestamp. Skipped lines do not fail the run.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const file = positionals[0];
if (!file || positionals.length > 1) {
  process.stderr.write(`Give exactly one file to replay.\n\n${HELP}`);
  process.exit(2);
}
let size: number;
try {
  const st = statSync(file);
  if (!st.isFile()) throw new Error("not a regular file");
  size = st.size;
} catch (e) {
  process.stderr.write(`Cannot read ${file}: ${(e as Error).message}\n`);
  process.exit(1);
}

const dryRun = values["dry-run"];
let db: Db | null = null;
if (!dryRun) {
  const config = loadConfigOrThrow();
  await applyMigrations(new URL("..", import.meta.url).pathname, config.DATABASE_URL);
  db = createDb(config.DATABASE_URL);
}

const pipeline: Pipeline = createPipeline({ partnerTenantId: null });
let tenantId: string | null = null;
let firstPartner: string | null = null;
const progress = createProgress(size);
const WRITE_EVERY_LINES = 50_000;

try {
  const head = Buffer.alloc(2);
  const fd = openSync(file, "r");
  readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  const raw = createReadStream(file);
  let bytes = 0;
  raw.on("data", (c) => progress.update((bytes += (c as Buffer).length)));
  const source: AsyncIterable<Buffer> = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder();
  let sinceWrite = 0;
  const splitter = createLineSplitter(
    (line) => {
      if (!firstPartner) firstPartner = /"partnerTenantId"\s*:\s*"([^"]+)"/.exec(line)?.[1] ?? null;
      pipeline.accept(line);
      sinceWrite++;
    },
    () => pipeline.reject("oversized", "line longer than 1 MiB"),
  );
  for await (const chunk of source) {
    splitter.push(decoder.decode(chunk, { stream: true }));
    if (db && sinceWrite >= WRITE_EVERY_LINES) {
      sinceWrite = 0;
      await store();
    }
  }
  splitter.push(decoder.decode() + "\n"); // a last line without its newline is still a whole record
} catch (e) {
  progress.done();
  process.stderr.write(`Cannot read ${file}: ${(e as Error).message}\n`);
  process.exit(1);
}

pipeline.settle();
if (db)
  await store(); // drains the engine: the locations it learned are written with the history
else pipeline.drain();
progress.done();

const c = pipeline.counters;
const skipped = (k: string) => c.skipped[k] ?? 0;
const engine = pipeline.engine;
const result = {
  lines: c.lines,
  events: Object.values(c.applied).reduce((a, b) => a + b, 0),
  duplicates: c.duplicates,
  malformed: skipped("json") + skipped("envelope") + skipped("payload") + skipped("oversized"),
  unknown: skipped("unknown_type"),
  byType: c.applied,
  occupancy: engine.locations().map((l) => {
    const o = engine.occupancy(l.id);
    return {
      locationId: l.id,
      name: l.name,
      type: l.type,
      count: o.count,
      source: shownLabel(o),
      evidence: sourceWords(o),
    };
  }),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await db?.$disconnect();

async function store() {
  if (!db) return;
  const changes = pipeline.drain();
  if (changes.locations.length) {
    tenantId ??= (await ensureTenant(db, firstPartner ?? "replay", firstPartner ?? "Replay")).id;
    await upsertLocations(db, tenantId, changes.locations);
  }
  await writeBuckets(db, pipeline.checkpoint().buckets);
}

function createProgress(total: number) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done: number) {
      if (!tty || Date.now() - last < 100) return;
      last = Date.now();
      const share = total ? done / total : 1;
      const width = 30;
      const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
      process.stderr.write(`\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${(done / 1e6).toFixed(1)} MB`);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
