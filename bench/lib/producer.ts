// The producer of a scenario: a capture of the simulator's stream made before the clock starts, served
// by bench/replay.ts in its own process (the simulator stays up, idle, for everything but the stream).
import { join } from "node:path";
import { freePort } from "@/tests/helpers/app-server";
import { captureStream } from "./capture";
import { benchDir, startHelper, startSimulator, type Sim, type SimOptions } from "./procs";

export interface Producer {
  /** SIMULATOR_URL for the server: the replay, which passes other requests to the simulator. */
  url: string;
  sim: Sim;
  lines: number;
  state(): Promise<{ sentLines: number; finished: boolean; lines: number; firstTs: number; lastTs: number }>;
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
  const file = join(benchDir(), "capture.ndjson");
  const t0 = performance.now();
  const n = await captureStream(sim.url, sim.partnerKey, campus.start ?? Date.now(), lines, file);
  log(`captured ${n.toLocaleString("en-US")} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const proc = await startHelper(
    "bench/replay.ts",
    [JSON.stringify({ simUrl: sim.url, file, speed, port })],
    /listening on (http:\/\/\S+)/,
    180_000,
  );
  return {
    url: proc.ready,
    sim,
    lines: n,
    state: async () =>
      (await (await fetch(`${proc.ready}/replay/state`)).json()) as Awaited<ReturnType<Producer["state"]>>,
    stop: async () => {
      await proc.stop();
      await sim.stop();
    },
  };
}
