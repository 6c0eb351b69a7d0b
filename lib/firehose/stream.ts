import { request } from "undici";
import type { Logger } from "@/lib/log";
import { createBackoff } from "./backoff";
import { createLineSplitter } from "./ndjson";

// One long GET of the Firehose: reconnects with backoff, treats silence as death, resumes by timestamp.

export type StreamStatus =
  | { state: "connecting" }
  | { state: "connected"; fromTimestamp: number | undefined }
  | { state: "retrying"; inMs: number; reason: string }
  | { state: "unauthorized"; inMs: number; reason: string };

export interface FirehoseStreamOptions {
  baseUrl: string;
  apiKey: string;
  /** Where to resume from (epoch ms) at each (re)connect; undefined means live events only. */
  fromTimestamp(): number | undefined;
  onLine(line: string): void;
  /** Called as each chunk arrives; a returned promise pauses reading (TCP backpressure) until it settles. */
  onChunk?(): Promise<void> | void;
  onOversized(): void;
  onStatus(s: StreamStatus): void;
  log: Logger;
  /** Silence this long means the stream is dead (FIREHOSE_IDLE_MS: three keep-alive periods). */
  idleMs: number;
  healthyResetMs?: number;
  /** FIREHOSE_UNAUTHORIZED_RETRY_MS and FIREHOSE_BACKOFF_MAX_MS: the defaults live in lib/config.ts only. */
  unauthorizedRetryMs: number;
  backoffMaxMs: number;
}

export interface FirehoseStream {
  close(): Promise<void>;
}

export function startFirehoseStream(o: FirehoseStreamOptions): FirehoseStream {
  const idleMs = o.idleMs;
  const healthyResetMs = o.healthyResetMs ?? 5 * 60_000;
  const unauthorizedRetryMs = o.unauthorizedRetryMs;
  const backoff = createBackoff(500, o.backoffMaxMs);
  let closed = false;
  let current: AbortController | null = null;
  let sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      sleeper = { timer: setTimeout(resolve, ms), resolve };
    });

  async function once(): Promise<{ retryInMs: number; reason: string; unauthorized?: boolean }> {
    const url = new URL("/api/partners/v1/firehose/events", o.baseUrl);
    const from = o.fromTimestamp();
    if (from !== undefined) url.searchParams.set("fromTimestamp", String(Math.max(0, Math.floor(from))));
    const controller = new AbortController();
    current = controller;
    let watchdog: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(new Error(`no data for ${idleMs / 1000} s`)), idleMs);
    };
    o.onStatus({ state: "connecting" });
    arm();
    let splitter: ReturnType<typeof createLineSplitter> | null = null;
    const partialLineDropped = () => {
      if (splitter?.pending)
        o.log.warn(
          { bytes: splitter.pending.length },
          "stream ended inside a line; the partial line is dropped and replayed on resume",
        );
    };
    try {
      const res = await request(url, {
        headers: { "X-API-KEY": o.apiKey, Accept: "application/x-ndjson" },
        signal: controller.signal,
        bodyTimeout: 0,
        headersTimeout: idleMs,
      });
      if (res.statusCode === 401 || res.statusCode === 403) {
        await res.body.dump().catch(() => {});
        return {
          retryInMs: unauthorizedRetryMs,
          reason: `HTTP ${res.statusCode}: the API key was refused`,
          unauthorized: true,
        };
      }
      if (res.statusCode !== 200) {
        await res.body.dump().catch(() => {});
        return { retryInMs: backoff.next(), reason: `HTTP ${res.statusCode}` };
      }
      o.onStatus({ state: "connected", fromTimestamp: from });
      const connectedAt = Date.now();
      const decoder = new TextDecoder();
      splitter = createLineSplitter(o.onLine, o.onOversized);
      for await (const chunk of res.body) {
        const gate = o.onChunk?.();
        if (gate) {
          clearTimeout(watchdog); // our own pause is not the stream's silence
          await gate;
        }
        arm();
        if (Date.now() - connectedAt > healthyResetMs) backoff.reset();
        splitter.push(decoder.decode(chunk as Buffer, { stream: true }));
      }
      partialLineDropped();
      return { retryInMs: backoff.next(), reason: "stream ended" };
    } catch (e) {
      partialLineDropped(); // a connection reset mid-line ends here, not at the loop's end
      const reason = controller.signal.aborted
        ? String((controller.signal.reason as Error)?.message ?? "aborted")
        : (e as Error).message;
      return { retryInMs: backoff.next(), reason };
    } finally {
      clearTimeout(watchdog);
      current = null;
    }
  }

  const loop = (async () => {
    while (!closed) {
      const r = await once();
      if (closed) break;
      o.onStatus(
        r.unauthorized
          ? { state: "unauthorized", inMs: r.retryInMs, reason: r.reason }
          : { state: "retrying", inMs: r.retryInMs, reason: r.reason },
      );
      o.log.warn({ reason: r.reason, retryInMs: r.retryInMs }, "firehose disconnected");
      await sleep(r.retryInMs);
    }
  })();

  return {
    async close() {
      closed = true;
      current?.abort(new Error("closing"));
      if (sleeper) {
        clearTimeout(sleeper.timer);
        sleeper.resolve();
      }
      await loop;
    },
  };
}
