// `node --import tsx bench/replay.ts <json>`: the bench's producer. It serves a Firehose capture made
// before the measured window (bench/lib/capture.ts: the simulator's own stream lines, byte for byte)
// on GET /api/partners/v1/firehose/events, and passes every other request to the simulator (activation,
// locations, maps, admin). The capture stays on disk: it is indexed at start (sequential 16 MiB reads)
// into chunks of whole lines, and a stream reads each chunk with one positioned read (the next one
// read ahead while this one is written) and writes it as it is (no per-line work), waiting for
// "drain" when the socket is full: as fast as the reader drains them (speed "max"), or each when its
// newest recordTimestamp is due on the replay's clock (speed N). A stream from a fromTimestamp starts
// at the first record at or after it, as the documented API does.
// The key is checked by the simulator (the same request, closed once it answers). GET /admin/clock
// answers the replay's clock like the simulator's; GET /replay/state what was sent; POST
// /replay/advance?ms=N moves the clock on by N ms at once (an outage).
import { open } from "node:fs/promises";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { keepAliveLine } from "@/simulator/records";
import { indexFile, startWithin } from "./lib/capture";

interface Options {
  simUrl: string;
  file: string;
  speed: number | "max";
  /** The port the simulator's tokens name (0: any). */
  port?: number;
}

const o = JSON.parse(process.argv[2] ?? "{}") as Options;
const t0 = performance.now();
// At full speed 1 MiB per read and write; paced, chunks of at most 10 ms of record time.
const { ix, bytes } = await indexFile(
  o.file,
  o.speed === "max" ? 1024 * 1024 : 256 * 1024,
  o.speed === "max" ? Infinity : 10,
);
const indexS = (performance.now() - t0) / 1000;
const fh = await open(o.file, "r");
if (!ix.lines || !Number.isFinite(ix.firstTs)) throw new Error(`replay: no records in ${o.file}`);
const sim = new URL(o.simUrl);
const wall0 = Date.now();
const factor = o.speed === "max" ? 1 : o.speed;
/** Simulated time jumped over by POST /replay/advance?ms=N: an outage the stream moved on through. */
let advancedMs = 0;
/** Simulated now: the capture's first record at start, moving at `speed` (at "max" nothing waits for it). */
const simNow = () => ix.firstTs + (Date.now() - wall0) * factor + advancedMs;
let sentLines = 0;
let sentBytes = 0;
let streams = 0;
/** Where each stream's records began (its fromTimestamp, the clock for a live one, at the earliest the capture's first record): the catch-up bench's clean run starts there. */
const froms: number[] = [];
let finishedAt: number | null = null;

/** The first chunk holding a record at or after `ts`. */
function chunkAt(ts: number): number {
  let lo = 0;
  let hi = ix.maxTs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.maxTs[mid]! < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function proxy(req: IncomingMessage, res: ServerResponse) {
  const up = request(
    { host: sim.hostname, port: sim.port, method: req.method, path: req.url, headers: req.headers },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  up.on("error", () => res.writeHead(502).end());
  req.pipe(up);
}

/** Asks the simulator whether it would serve this key a stream (closing its stream at once). */
function authorised(req: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    const check = request(
      { host: sim.hostname, port: sim.port, path: "/api/partners/v1/firehose/events", headers: req.headers },
      (r) => {
        resolve(r.statusCode ?? 502);
        r.destroy();
      },
    );
    check.on("error", () => resolve(502));
    check.end();
  });
}

/** Resolves when the socket takes writes again, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function stream(req: IncomingMessage, res: ServerResponse, url: URL) {
  const status = await authorised(req);
  if (status !== 200)
    return void res.writeHead(status, { "Content-Type": "application/json" }).end('{"error":"unauthorized"}');
  const raw = url.searchParams.get("fromTimestamp");
  // No fromTimestamp: a paced replay starts at its clock (live), a full-speed one at the beginning.
  const from = raw && /^\d+$/.test(raw) ? Number(raw) : o.speed === "max" ? ix.firstTs : simNow();
  froms.push(Math.max(from, ix.firstTs));
  let i = chunkAt(from);
  res.writeHead(200, { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store", Connection: "keep-alive" });
  res.flushHeaders();
  streams++;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  res.on("close", () => {
    closed = true;
    clearTimeout(timer);
  });
  const read = async (k: number) => {
    const b = Buffer.allocUnsafe(ix.lengths[k]!);
    const { bytesRead } = await fh.read(b, 0, b.length, ix.offsets[k]!);
    return b.subarray(0, bytesRead);
  };
  const sleepFor = (ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms)));
  // The first chunk may hold records before `from`: they are not sent.
  let skip = i < ix.offsets.length ? from : -Infinity;
  let next = i < ix.offsets.length ? read(i) : null;
  while (!closed) {
    while (!closed && i < ix.offsets.length) {
      if (o.speed !== "max") {
        const wait = (ix.maxTs[i]! - simNow()) / factor;
        if (wait > 0) {
          await sleepFor(Math.max(1, wait));
          continue;
        }
      }
      let chunk = await next!;
      next = i + 1 < ix.offsets.length ? read(i + 1) : null;
      let lines = ix.counts[i]!;
      if (skip !== -Infinity) {
        const at = startWithin(chunk, skip);
        chunk = chunk.subarray(at.offset);
        lines -= at.skipped;
        skip = -Infinity;
      }
      i++;
      if (closed) break;
      const more = res.write(chunk);
      sentBytes += chunk.length;
      sentLines += lines;
      if (!more) await drained(res);
    }
    if (closed) break;
    finishedAt ??= Date.now();
    // The capture is over: stay open and quiet as a stream without events does (keep-alives only).
    await sleepFor(15_000);
    if (!closed) res.write(`${keepAliveLine("replay-keepalive", simNow())}\n`);
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/api/partners/v1/firehose/events")
    return void stream(req, res, url).catch((e: Error) => {
      process.stderr.write(`replay: stream failed: ${e.message}\n`);
      res.destroy();
    });
  if (url.pathname === "/admin/clock")
    return void res
      .writeHead(200, { "Content-Type": "application/json" })
      .end(JSON.stringify({ simNow: simNow(), wallNow: Date.now() }));
  // The catch-up bench's outage: the clock jumps on by the backlog while the server is down, and the
  // server's resumed stream then reads it as fast as it can (every chunk of it is already due).
  if (req.method === "POST" && url.pathname === "/replay/advance") {
    const ms = Number(url.searchParams.get("ms"));
    if (!Number.isFinite(ms) || ms < 0) return void res.writeHead(400).end();
    advancedMs += ms;
    return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ simNow: simNow() }));
  }
  if (url.pathname === "/replay/state")
    return void res.writeHead(200, { "Content-Type": "application/json" }).end(
      JSON.stringify({
        lines: ix.lines,
        bytes,
        indexS,
        sentLines,
        sentBytes,
        streams,
        froms,
        finished: finishedAt !== null,
        firstTs: ix.firstTs,
        lastTs: ix.lastTs,
      }),
    );
  proxy(req, res);
});
server.listen(o.port ?? 0, "127.0.0.1", () =>
  process.stdout.write(
    `replay of ${ix.lines} lines (indexed in ${indexS.toFixed(1)} s) listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`,
  ),
);
