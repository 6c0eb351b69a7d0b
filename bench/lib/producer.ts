// The producer of a scenario: a capture of the simulator's stream made before the clock starts, served
// by bench/replay.ts in its own process (the simulator stays up, idle, for everything but the stream).
// The capture file lives in its own temp dir, removed when the producer stops (and by cleanupAll on
// failure or Ctrl-C): a full ingest capture is ~9 GB.
import { statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@/tests/helpers/app-server";
import { captureStream } from "./capture";
import { benchDir, dropDir, startHelper, startSimulator, type Sim, type SimOptions } from "./procs";

export interface Producer {
  /** SIMULATOR_URL for the server: the replay, which passes other requests to the simulator. */
  url: string;
  sim: Sim;
  /** The replay process (its process group). */
  pid: number;
  lines: number;
  /** Capture size on disk. */
  bytes: number;
  /** Preparation before the clock starts: capturing, and the replay indexing the file. */
  captureS: number;
  indexS: number;
  state(): Promise<{
    sentLines: number;
    finished: boolean;
    lines: number;
    firstTs: number;
    lastTs: number;
    froms: number[];
  }>;
  /** Moves the replay's clock on by `ms` at once (an outage the stream moved on through). */
  advance(ms: number): Promise<void>;
  stop(): Promise<unknown>;
}

/** Captures `lines` lines of `campus` from its start (generated at full speed), then serves them at `speed`. */
export async function startProducer(
  campus: SimOptions,
  lines: number,
  speed: number | "max",
  log: (m: string) => void,
): Promise<Producer> {
  // The simulator's tokens name the replay: the server talks to it for everything.
  const port = await freePort();
  const sim = await startSimulator({ ...campus, speed: "max", publicUrl: `http://127.0.0.1:${port}` });
  const dir = benchDir();
  const file = join(dir, "capture.ndjson");
  const t0 = performance.now();
  const n = await captureStream(sim.url, sim.partnerKey, campus.start ?? Date.now(), lines, file);
  const captureS = (performance.now() - t0) / 1000;
  const bytes = statSync(file).size;
  log(
    `captured ${n.toLocaleString("en-US")} lines (${(bytes / 1e9).toFixed(2)} GB) in ${captureS.toFixed(1)} s (${Math.round(n / captureS).toLocaleString("en-US")} lines/s)`,
  );
  const proc = await startHelper(
    "bench/replay.ts",
    [JSON.stringify({ simUrl: sim.url, file, speed, port })],
    /listening on (http:\/\/\S+)/,
    600_000,
  );
  const indexS = Number(/indexed in ([\d.]+) s/.exec(proc.output())?.[1] ?? NaN);
  log(`replay indexed the capture in ${indexS.toFixed(1)} s`);
  return {
    url: proc.ready,
    sim,
    pid: proc.pid,
    lines: n,
    bytes,
    captureS,
    indexS,
    state: async () =>
      (await (await fetch(`${proc.ready}/replay/state`)).json()) as Awaited<ReturnType<Producer["state"]>>,
    advance: async (ms) => {
      const r = await fetch(`${proc.ready}/replay/advance?ms=${ms}`, { method: "POST" });
      if (!r.ok) throw new Error(`replay advance: HTTP ${r.status}`);
    },
    stop: async () => {
      await proc.stop();
      await sim.stop();
      dropDir(dir);
    },
  };
}
