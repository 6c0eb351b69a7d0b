// `node --import tsx bench/clients.ts <json>`: the bench's socket load in one process, apart from
// the server. Most clients are cheap receivers: engine.io sockets speaking the Socket.IO packet
// format by hand, counting messages and bytes and reading only each packet's sequence number (no
// JSON decode), so the process's own CPU does not become the latency figure. A few probe clients
// (socket.io-client, the browser's SOCKET_OPTIONS) decode everything and record the latency of each
// delta (now + simulated-minus-wall offset − delta.t). Every client watches one floor (and the whole
// tenant unless watchTenant is false), tracks sequence numbers (bench/lib/accounting.ts) and
// reconnects with the browser's backoff. A small HTTP control server answers GET /state and /reset.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Socket as EngineSocket } from "engine.io-client";
import { io, type Socket } from "socket.io-client";
import { SOCKET_OPTIONS } from "@/components/realtime/socket";
import type {
  ClientToServerEvents,
  FloorDeltaMessage,
  FloorSnapshot,
  LocationDelta,
  LocationSnapshot,
  ServerToClientEvents,
  WatchError,
} from "@/lib/realtime/protocol";
import { classify, createSeqTracker, seqOf, type SeqTracker } from "./lib/accounting";
import { percentile } from "./lib/stats";

interface Options {
  url: string;
  /** Every client, probes included. */
  clients: number;
  /** How many of them decode everything and measure latency. */
  probes?: number;
  floors: string[];
  /** Simulated minus wall time (ms). */
  offset: number;
  /** Connect this many at a time. */
  batch?: number;
  /** Also watch the whole tenant (location:watch null), as the overview does; default true. */
  watchTenant?: boolean;
}

const o = JSON.parse(process.argv[2] ?? "{}") as Options;
const nProbes = Math.min(o.clients, o.probes ?? 5);
const needed = o.watchTenant === false ? 1 : 2;
type S = Socket<ServerToClientEvents, ClientToServerEvents>;

let latencies: number[] = [];
let messages = 0;
let bytes = 0;
let since = performance.now();
let synced = 0;
let firstReconnectAt: number | null = null;
let lastResyncAt: number | null = null;
const trackers: SeqTracker[] = [];
const state = new Array<boolean>(o.clients).fill(false);

/** Counts a client as synced once its watches are acknowledged (again, after a reconnect). */
function syncer(i: number, again: boolean) {
  let acks = 0;
  return () => {
    if (++acks < needed || state[i]) return;
    state[i] = true;
    synced++;
    if (again) lastResyncAt = Date.now();
  };
}

function lost(i: number) {
  trackers[i]!.disconnected();
  if (state[i]) synced--;
  state[i] = false;
}

/** A probe: socket.io-client, decodes every packet, measures latency. */
function probe(i: number): Promise<void> {
  const seq = trackers[i]!;
  const floor = o.floors[i % o.floors.length]!;
  const s: S = io(o.url, { ...SOCKET_OPTIONS, forceNew: true });
  let connectedOnce = false;
  const sample = (n: number, d: LocationDelta | FloorDeltaMessage) => {
    messages++;
    if (typeof d.t !== "number") return;
    const ms = Date.now() + o.offset - d.t;
    for (let k = 0; k < n; k++) latencies.push(ms);
  };
  s.on("location:delta", (d) => sample(seq.delta(`loc:${d.scope}`, d.seq), d));
  s.on("floor:delta", (d) => sample(seq.delta(`floor:${d.floorId}`, d.seq), d));
  s.on("location:snapshot", (d) => seq.snapshot(`loc:${d.scope}`, d.seq, true));
  s.on("floor:snapshot", (d) => seq.snapshot(`floor:${d.floorId}`, d.seq, true));
  s.on("disconnect", () => lost(i));
  return new Promise((resolve) => {
    s.on("connect", () => {
      if (connectedOnce) firstReconnectAt ??= Date.now();
      const done = syncer(i, connectedOnce);
      const acked = (room: string) => (r: LocationSnapshot | FloorSnapshot | WatchError) => {
        if ("error" in r) return console.error(`probe ${i}: ${r.error}`);
        seq.snapshot(room, r.seq, false);
        done();
      };
      if (needed === 2) s.emit("location:watch", null, acked("loc:null"));
      s.emit("floor:watch", floor, acked(`floor:${floor}`));
      connectedOnce = true;
      resolve();
    });
  });
}

/**
 * A cheap receiver: engine.io with Socket.IO packets written and read by hand ("0" connect, "2<id>[…]"
 * an event with an ack, "3<id>[…]" the ack, "2[…]" a server event). Only the event name and "seq" are read.
 */
function receiver(i: number): Promise<void> {
  const seq = trackers[i]!;
  const floor = o.floors[i % o.floors.length]!;
  const rooms = ["loc:null", `floor:${floor}`]; // ack ids 0 and 1
  let connectedOnce = false;
  let attempt = 0;
  return new Promise((resolve) => {
    const open = () => {
      const url = new URL(o.url);
      const s = new EngineSocket(`ws://${url.host}`, { path: "/socket.io/", transports: ["websocket"] });
      let done: (() => void) | null = null;
      s.on("message", (data) => {
        if (typeof data !== "string") return;
        messages++;
        bytes += data.length;
        const kind = data.charCodeAt(0);
        if (kind === 48 /* 0: connected to the namespace */) {
          attempt = 0;
          if (connectedOnce) firstReconnectAt ??= Date.now();
          done = syncer(i, connectedOnce);
          if (needed === 2) s.send('20["location:watch",null]');
          s.send(`21["floor:watch",${JSON.stringify(floor)}]`);
          connectedOnce = true;
          resolve();
        } else if (kind === 51 /* 3: an ack */) {
          const room = rooms[data.charCodeAt(1) - 48];
          const n = seqOf(data);
          if (room && n !== null) seq.snapshot(room, n, false);
          done?.();
        } else if (kind === 50 /* 2: an event */) {
          const n = seqOf(data);
          if (n === null) return;
          if (data.startsWith('2["floor:delta"')) seq.delta(rooms[1]!, n);
          else if (data.startsWith('2["location:delta"')) seq.delta(rooms[0]!, n);
          else if (data.startsWith('2["floor:snapshot"')) seq.snapshot(rooms[1]!, n, true);
          else if (data.startsWith('2["location:snapshot"')) seq.snapshot(rooms[0]!, n, true);
        }
      });
      s.on("open", () => s.send("0"));
      s.on("close", () => {
        if (connectedOnce) lost(i);
        // socket.io-client's backoff with the browser's settings: 500 ms doubling to 5 s, ±50 % jitter.
        const base = Math.min(
          SOCKET_OPTIONS.reconnectionDelayMax ?? 5000,
          (SOCKET_OPTIONS.reconnectionDelay ?? 500) * 2 ** attempt++,
        );
        setTimeout(open, base * (0.5 + Math.random()));
      });
    };
    open();
  });
}

for (let i = 0; i < o.clients; i++) trackers.push(createSeqTracker());
const batch = o.batch ?? 100;
for (let i = 0; i < o.clients; i += batch)
  await Promise.all(
    Array.from({ length: Math.min(batch, o.clients - i) }, (_, k) =>
      i + k < nProbes ? probe(i + k) : receiver(i + k),
    ),
  );

const control = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const tallies = trackers.map((t) => t.tally);
  const probeTallies = tallies.slice(0, nProbes);
  const body: Record<string, unknown> = {
    clients: o.clients,
    probes: nProbes,
    synced,
    ...classify(tallies),
    disconnects: tallies.reduce((s, t) => s + t.disconnects, 0),
    deltas: tallies.reduce((s, t) => s + t.deltas, 0),
    probeDeltas: probeTallies.reduce((s, t) => s + t.deltas, 0),
    messages,
    bytes,
    seconds: (performance.now() - since) / 1000,
    samples: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((m, v) => (v > m ? v : m), -Infinity),
    firstReconnectAt,
    lastResyncAt,
  };
  if (url.pathname === "/reset") {
    latencies = [];
    messages = 0;
    bytes = 0;
    since = performance.now();
    firstReconnectAt = null;
    lastResyncAt = null;
    for (const t of trackers) t.reset();
  }
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
});
control.listen(0, "127.0.0.1", () =>
  process.stdout.write(`clients control on http://127.0.0.1:${(control.address() as AddressInfo).port}\n`),
);
