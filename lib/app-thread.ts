import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { Logger } from "@/lib/log";
import type { Emitter } from "@/lib/realtime/hub";
import { connectIngestPort } from "@/lib/realtime/port-link";

// ROLE=all on both cores: the web thread (Next.js, Socket.IO) starts the ingest thread (stream, decode,
// engine, batched writes, the hub) and talks to it over one MessagePort (lib/realtime/port-link.ts).
// This is the web side of the thread's life: start, the phases it reports, and a shutdown that waits
// for its last batch.

/** The ingest thread's entry point, named by the process entry (server.ts), which knows where it runs from. */
export interface IngestThreadEntry {
  /** Absolute path: dist/ingest-thread.mjs when compiled, ingest-thread.ts under tsx. */
  file: string;
  /** A .ts entry: the thread registers tsx before loading it (a worker does not inherit the loader). */
  typescript: boolean;
}

/** What the web thread hands the ingest thread (workerData). */
export interface IngestThreadData {
  port: MessagePort;
  root: string;
  simulatorUrl: string | null;
  publicUrl: string;
}

/** How long a shutdown waits for the thread's last batch before ending it. */
const CLOSE_TIMEOUT_MS = 8_000;

export type IngestThread = Awaited<ReturnType<typeof startIngestThread>>;

/** Starts the ingest thread; resolves once it prepared the configured activations (before the first admin exists). */
export async function startIngestThread(o: {
  entry: IngestThreadEntry;
  root: string;
  heapMb: number;
  simulatorUrl: string | null;
  publicUrl: string;
  /** Where the thread's deltas go: this thread's Socket.IO server. */
  deltas: Emitter;
  log: Logger;
  /** The thread failed after it started: the process cannot go on without its ingest. */
  onFatal(reason: string): void;
}) {
  const { port1, port2 } = new MessageChannel();
  const phases = { prepared: deferred<string>(), ready: deferred<string>() };
  let closing = false;
  let closedByThread: () => void = () => {};
  const closed = new Promise<void>((r) => (closedByThread = r));
  const link = connectIngestPort(port1, {
    deltas: o.deltas,
    phase: (phase, source) => phases[phase].resolve(source),
    fatal: (reason) => o.onFatal(reason),
    closed: () => closedByThread(),
  });
  const data: IngestThreadData = { port: port2, root: o.root, simulatorUrl: o.simulatorUrl, publicUrl: o.publicUrl };
  const options = {
    workerData: data,
    transferList: [port2],
    // The thread's own heap bound: a leak in ingest ends in a restart instead of starving the web thread.
    resourceLimits: { maxOldGenerationSizeMb: o.heapMb },
    // execArgv is inherited (Node allows that, not the same flags passed explicitly): --cpu-prof profiles
    // this thread too, and the parent's heap flag yields to resourceLimits.
  };
  // A V8 heap flag is process-wide and wins over resourceLimits: with `npm start`'s --max-old-space-size
  // (HEAP_MB, read when the main isolate was made), the thread would get the web thread's bound. Set to
  // the thread's own just before its isolate is made; the main isolate keeps the bound it started with.
  setFlagsFromString(`--max-old-space-size=${o.heapMb}`);
  const worker = o.entry.typescript
    ? new Worker(
        `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(o.entry.file).href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(o.entry.file, options);
  let lastError: Error | null = null;
  worker.on("error", (e) => {
    lastError = e;
    o.log.error({ err: e.message }, "the ingest thread failed");
  });
  const exited = new Promise<number>((resolve) =>
    worker.once("exit", (code) => {
      link.abandon("the ingest thread stopped");
      closedByThread();
      const why = new Error(
        `the ingest thread stopped (exit ${code}) before it was ready: ${lastError?.message ?? ""}`,
      );
      phases.prepared.reject(why);
      phases.ready.reject(why);
      if (!closing) o.onFatal("the ingest thread stopped");
      resolve(code);
    }),
  );
  await phases.prepared.promise;
  return {
    queries: link.queries,
    status: link.status,
    sync: link.sync,
    realtime: link.realtime,
    /** The web thread serves (its first admin exists): the thread starts streaming; resolves with its source. */
    go() {
      link.go();
      return phases.ready.promise;
    },
    /** The thread flushes its last batch, closes its stream and database, then exits. */
    async close() {
      closing = true;
      link.close();
      const timer = setTimeout(() => {
        o.log.warn("the ingest thread did not finish within 8 s: ending it");
        void worker.terminate();
      }, CLOSE_TIMEOUT_MS);
      await closed;
      await exited;
      clearTimeout(timer);
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // a phase nobody waits for any more must not be an unhandled rejection
  return { promise, resolve, reject };
}
