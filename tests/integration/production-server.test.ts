import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocationSnapshot, WatchError } from "@/lib/realtime/protocol";
import { createDb } from "@/lib/store/db";
import { removeDir, startNode, tempDir, type Proc } from "../helpers/app-server";
import { until } from "../helpers/poll";
import { connectSocket, waitFor, type TestSocket } from "../helpers/socket";

// `npm start` as a user runs it: scripts/start.mjs compiles the server when needed and runs dist/server.mjs,
// plain JavaScript with a bounded heap, ingest on its own thread. Then SIGTERM, as an orchestrator sends it.

describe("npm start: the compiled server with its ingest thread", () => {
  let start: Proc;
  let url: string;
  let dir: string;
  let socket: TestSocket;

  beforeAll(async () => {
    dir = tempDir();
    start = await startNode(
      ["scripts/start.mjs"],
      { PORT: "0", SIMULATOR_PORT: "0", SIMULATOR_TICK_MS: "200", DATABASE_URL: `file:${join(dir, "floorpulse.db")}` },
      /Floorpulse ready on (http:\/\/\S+)/,
      240_000, // builds first when the sources changed since the last build
    );
    url = start.ready;
    socket = await connectSocket(url);
  }, 300_000);
  afterAll(async () => {
    socket?.close();
    await start?.stop("SIGKILL");
    removeDir(dir);
  });

  const snapshot = () =>
    new Promise<LocationSnapshot>((resolve, reject) =>
      socket.emit("location:watch", null, (s: LocationSnapshot | WatchError) =>
        "error" in s ? reject(new Error(s.error)) : resolve(s),
      ),
    );

  it("runs compiled JavaScript with a bounded heap and no TypeScript loader", () => {
    const children = execFileSync("pgrep", ["-P", String(start.pid)], { encoding: "utf8" })
      .trim()
      .split("\n");
    // Its only child is the server: nothing the build started (esbuild's service) stays beside it.
    expect(children).toHaveLength(1);
    const server = children[0]!;
    const argv = readFileSync(`/proc/${server}/cmdline`, "utf8").split("\0").filter(Boolean);
    // Node 20 runs no TypeScript by itself: with no --import loader, everything it runs is the compiled dist/.
    expect(argv.slice(1)).toEqual(["--max-old-space-size=256", "dist/server.mjs"]);
    expect(readFileSync(`/proc/${server}/environ`, "utf8")).not.toMatch(/NODE_OPTIONS=[^\0]*tsx/);
    // The stream is read on the ingest thread.
    expect(start.output()).toMatch(/"thread":"ingest"[^\n]*"msg":"firehose connected"/);
  });

  it("gives a snapshot on subscribe and live deltas from the ingest thread", async () => {
    const first = await snapshot();
    const floorIds = first.locations.filter((l) => l.type === "FLOOR").map((l) => l.id);
    expect(floorIds).toHaveLength(2);
    const changed = await waitFor(socket, "location:delta", (d) =>
      d.scope === null ? floorIds.find((id) => d.counts[id]) : undefined,
    );
    expect(floorIds).toContain(changed);
    const again = await snapshot();
    expect(again.seq).toBeGreaterThan(first.seq);
    expect(again.ingest.state).toBe("connected");
  });

  it("/metrics shows the ingest thread's Firehose counters beside the web thread's process figures", async () => {
    const text = await until(
      "a batch written by the ingest thread in /metrics",
      async () => (await fetch(`${url}/metrics`)).text(),
      // The stream's gauges come from the status the thread reports every 500 ms: both, not only the batch count.
      (t) =>
        /^floorpulse_store_batch_write_seconds_count [1-9]/m.test(t) &&
        /^floorpulse_firehose_stream_lag_seconds\{/m.test(t),
      20_000,
    );
    expect(text).toMatch(/^floorpulse_firehose_events_total\{type="DEVICE_LOCATION_UPDATE"\} [1-9]/m);
    expect(text).toMatch(/^floorpulse_firehose_stream_lag_seconds\{activation="[^"]+"\} /m);
    expect(text.match(/^floorpulse_process_resident_memory_bytes /gm)).toHaveLength(1);
    // Each thread's heap is bounded: HEAP_MB (256) for the web thread, INGEST_HEAP_MB (320) for ingest.
    const limitMb = (thread: string) =>
      Number(text.match(new RegExp(`^floorpulse_thread_heap_limit_bytes\\{thread="${thread}"\\} (\\d+)`, "m"))![1]) /
      2 ** 20;
    expect(limitMb("main")).toBeGreaterThanOrEqual(256);
    expect(limitMb("main")).toBeLessThan(320); // without a bound, V8 allows gigabytes
    expect(limitMb("ingest")).toBeGreaterThanOrEqual(320); // its own bound, not the web thread's
    expect(limitMb("ingest")).toBeLessThan(480);
    const health = (await (await fetch(`${url}/api/health`)).json()) as {
      components: Array<{ name: string; status: string }>;
    };
    expect(health.components.find((c) => c.name === "ingest")?.status).toBe("up");
  });

  it("on SIGTERM tells sockets, writes the last batch, and exits 0", async () => {
    const closing = new Promise<void>((resolve) => socket.once("server:closing", () => resolve()));
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    // The newest event the ingest applied, as the health URL reports it just before the signal.
    type Fire = { activations: Array<{ activationId: string; lastRecordTimestamp: number | null }> };
    const fire = await until(
      "the health URL names the newest applied event",
      async () => (await (await fetch(`${url}/api/health/firehose`)).json()) as Fire,
      (f) => typeof f.activations[0]?.lastRecordTimestamp === "number",
      20_000,
    );
    const applied = fire.activations[0]! as { activationId: string; lastRecordTimestamp: number };
    process.kill(start.pid, "SIGTERM"); // npm start passes it to the server
    await closing;
    // A closed transport, not a server "disconnect": socket.io-client reconnects by itself after a restart.
    expect(await disconnected).toBe("transport close");
    await until("npm start ended", () => start.exited, Boolean, 15_000);
    expect(await start.stop()).toBe(0);
    expect(start.output()).toMatch(/"msg":"shutting down"/);
    expect(start.output()).not.toMatch(/did not finish within/);

    const db = createDb(`file:${join(dir, "floorpulse.db")}`);
    try {
      const cp = await db.checkpoint.findUnique({ where: { activationId: applied.activationId } });
      // Written at most every 2 s while running: only the last batch, written at shutdown, reaches this far.
      expect(Number(cp!.recordTimestamp)).toBeGreaterThanOrEqual(applied.lastRecordTimestamp);
      const minute = new Date(Math.floor(applied.lastRecordTimestamp / 60_000) * 60_000);
      expect(await db.occupancySample.count({ where: { bucket: { gte: minute } } })).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }
  });
});
