// `node --import tsx bench/clients.ts <json>`: N Socket.IO clients in one process, apart from the
// server, configured like the browser's (SOCKET_OPTIONS of components/realtime/socket.ts). Each watches the tenant
// (location:watch null) and one floor; it records the latency of every delta that carries the
// event time (now + simulated-minus-wall offset - delta.t) and resynchronises after a reconnect.
// A small HTTP control server (printed at start) answers GET /state and GET /reset.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { SOCKET_OPTIONS } from "@/components/realtime/socket";
import type {
  ClientToServerEvents,
  FloorDeltaMessage,
  LocationDelta,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import { percentile } from "./lib/stats";

interface Options {
  url: string;
  clients: number;
  floors: string[];
  /** Simulated minus wall time (ms). */
  offset: number;
  /** Connect this many at a time. */
  batch?: number;
  /** Also watch the whole tenant (location:watch null), as the overview does; default true. */
  watchTenant?: boolean;
}

const o = JSON.parse(process.argv[2] ?? "{}") as Options;
type S = Socket<ServerToClientEvents, ClientToServerEvents>;

let latencies: number[] = [];
let deltas = 0;
let since = performance.now();
let synced = 0;
let firstReconnectAt: number | null = null;
let lastResyncAt: number | null = null;
let disconnects = 0;
const state = new Array<boolean>(o.clients).fill(false);

const onDelta = (d: LocationDelta | FloorDeltaMessage) => {
  deltas++;
  if (typeof d.t === "number") latencies.push(Date.now() + o.offset - d.t);
};

function watch(s: S, i: number, again: boolean) {
  const floor = o.floors[i % o.floors.length]!;
  const needed = o.watchTenant === false ? 1 : 2;
  let acks = 0;
  const done = () => {
    if (++acks < needed || state[i]) return;
    state[i] = true;
    synced++;
    if (again) lastResyncAt = Date.now();
  };
  if (needed === 2)
    s.emit("location:watch", null, (r) => ("error" in r ? console.error(`client ${i}: ${r.error}`) : done()));
  s.emit("floor:watch", floor, (r) => ("error" in r ? console.error(`client ${i}: ${r.error}`) : done()));
}

function connect(i: number): Promise<void> {
  const s: S = io(o.url, { ...SOCKET_OPTIONS, forceNew: true });
  let connectedOnce = false;
  s.on("location:delta", onDelta);
  s.on("floor:delta", onDelta);
  s.on("disconnect", () => {
    disconnects++;
    if (state[i]) synced--;
    state[i] = false;
  });
  return new Promise((resolve) => {
    s.on("connect", () => {
      if (connectedOnce) firstReconnectAt ??= Date.now();
      watch(s, i, connectedOnce);
      connectedOnce = true;
      resolve();
    });
  });
}

const batch = o.batch ?? 100;
for (let i = 0; i < o.clients; i += batch)
  await Promise.all(Array.from({ length: Math.min(batch, o.clients - i) }, (_, k) => connect(i + k)));

const control = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const body: Record<string, unknown> = {
    clients: o.clients,
    synced,
    disconnects,
    deltas,
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
    deltas = 0;
    since = performance.now();
    firstReconnectAt = null;
    lastResyncAt = null;
  }
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
});
control.listen(0, "127.0.0.1", () =>
  process.stdout.write(`clients control on http://127.0.0.1:${(control.address() as AddressInfo).port}\n`),
);
