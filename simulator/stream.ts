import type { IncomingMessage, ServerResponse } from "node:http";
import type { Activations } from "./activations";
import type { KeyClaims } from "./api-keys";
import type { SimClock } from "./clock";
import type { EventLog, LogEntry } from "./event-log";
import type { Faults } from "./faults";
import { hexId } from "./hash";
import { keepAliveLine } from "./records";
import { Sink } from "./sink";
import { createStreamWriter, type StreamWriter } from "./stream-writer";
import type { World } from "./world";

// GET /api/partners/v1/firehose/events: one long chunked response, one record per line, for every
// tenant the key carries. Live: ticks go out as simulated time reaches them; with fromTimestamp the
// retained window is replayed first (as fast as the client reads), then it goes live. Full speed
// ("max") never waits for the clock.

const CHUNK_BYTES = 256 * 1024;

export interface Connection {
  id: string;
  key: string;
  claims: KeyClaims;
  remoteAddress: string;
  connectedAt: number;
  fromTimestamp: number | null;
  writer: StreamWriter;
  /** Simulated time of the next tick to send. */
  position(): number;
  end(): void;
}

export interface StreamDeps {
  world: World;
  clock: SimClock;
  wallNow: () => number;
  activations: Activations;
  faults: Faults;
  log: EventLog;
  keepAliveMs: number;
  replayWindowMs: number;
  connections: Set<Connection>;
}

/** The earliest simulated time fromTimestamp may reach back to. */
export function replayFloor(d: Pick<StreamDeps, "clock" | "replayWindowMs">): number {
  const factor = typeof d.clock.speed === "number" ? Math.max(1, d.clock.speed) : 1;
  return d.clock.now() - d.replayWindowMs * factor;
}

export function openStream(
  d: StreamDeps,
  req: IncomingMessage,
  res: ServerResponse,
  key: string,
  claims: KeyClaims,
  url: URL,
) {
  const tickMs = d.world.tickMs;
  const fullSpeed = d.clock.speed === "max";
  const raw = url.searchParams.get("fromTimestamp");
  const requested = raw !== null && /^\d+$/.test(raw) ? Number(raw) : 0;
  const simStart = d.clock.now();
  const from = requested > 0 ? Math.max(requested, replayFloor(d)) : null;
  let tick = from !== null ? Math.ceil(from / tickMs) : Math.floor(simStart / tickMs) + 1;
  let logSeq = d.log.seqAt(from ?? simStart);
  let lastWrite = d.wallNow();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const entries: LogEntry[] = [];
  // Output buffers, reused once the socket has taken them (nothing is allocated per tick).
  const sinks: Sink[] = [];

  res.writeHead(200, { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store", Connection: "keep-alive" });
  res.flushHeaders();
  const writer = createStreamWriter(res, key, d.faults, d.wallNow, d.clock.now);
  const conn: Connection = {
    id: `conn-${hexId(8, key, simStart, Math.random())}`,
    key,
    claims,
    remoteAddress: req.socket.remoteAddress ?? "",
    connectedAt: d.wallNow(),
    fromTimestamp: from,
    writer,
    position: () => tick * tickMs,
    end: () => res.destroy(),
  };
  d.connections.add(conn);
  const stop = () => {
    closed = true;
    clearTimeout(timer);
    d.connections.delete(conn);
  };
  // The response's close is the connection's end (the request's own close fires once its body is read).
  res.on("close", stop);

  const visible = (e: LogEntry) => {
    if (e.ref === null) return d.activations.tenantsAt(claims, e.ts).includes(e.tenant);
    return claims.kind === "partner" ? e.ref === "partner" && claims.tenants.includes(e.tenant) : e.ref === claims.ref;
  };

  const pump = () => {
    if (closed) return;
    const wait = writer.wait();
    if (wait === Infinity) return;
    if (wait === -1) return void res.once("drain", pump);
    if (wait > 0) return void (timer = setTimeout(pump, wait));
    const limit = fullSpeed ? Infinity : Math.floor(d.clock.now() / tickMs);
    const revokedAt = d.activations.revokedAt(claims);
    const lastBucket = revokedAt === null ? Infinity : Math.floor(revokedAt / tickMs) + 1;
    const sink = sinks.pop() ?? new Sink(CHUNK_BYTES + (64 << 10));
    sink.reset();
    // Ticks near the live edge are cached for other streams at the same point; a replay is not.
    const liveEdge = fullSpeed ? Infinity : d.clock.now() - 2 * tickMs;
    let count = 0;
    while (tick <= limit && tick <= lastBucket && sink.len < CHUNK_BYTES) {
      const ts = tick * tickMs;
      entries.length = 0;
      logSeq = d.log.read(logSeq, tick, entries);
      for (const e of entries) {
        if (e.bucket !== tick || !visible(e)) continue;
        sink.text(e.line);
        sink.byte(10);
        count++;
      }
      if (revokedAt === null || ts <= revokedAt) {
        for (const t of d.activations.tenantsAt(claims, ts))
          count += d.world.generators[t]!.writeTick(tick, sink, ts >= liveEdge);
      }
      tick++;
    }
    writer.send(sink.len ? [sink.buf.subarray(0, sink.len)] : [], count, () => sinks.push(sink));
    if (count) lastWrite = d.wallNow();
    if (tick > lastBucket) return void res.end();
    const quiet = d.wallNow() - lastWrite;
    if (!count && quiet >= d.keepAliveMs) {
      const ts = d.clock.now();
      writer.sendRaw(keepAliveLine(`event-${hexId(16, d.world.seed, "keepalive", ts)}`, ts));
      lastWrite = d.wallNow();
    }
    if (tick <= (fullSpeed ? Infinity : Math.floor(d.clock.now() / tickMs))) return void setImmediate(pump);
    const untilTick = d.clock.wallMsUntil(tick * tickMs);
    const untilKeepAlive = d.keepAliveMs - (d.wallNow() - lastWrite);
    timer = setTimeout(pump, Math.max(1, Math.min(untilTick, untilKeepAlive)));
  };
  pump();
}
