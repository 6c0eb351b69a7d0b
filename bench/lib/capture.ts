// Captures the simulator's Firehose stream to a file before a scenario's clock starts, and indexes it
// into chunks the replay server (bench/replay.ts) sends whole. The index is pure over the bytes.
import { createWriteStream } from "node:fs";

/**
 * Writes the first `lines` lines of the stream from `from` to `file` (whole lines only), fewer if they
 * would pass `maxBytes` (the replay reads the file into one buffer: under 2 GiB). Returns the line count.
 */
export async function captureStream(
  simUrl: string,
  key: string,
  from: number,
  lines: number,
  file: string,
  maxBytes = 1.9e9,
) {
  const controller = new AbortController();
  const res = await fetch(`${simUrl}/api/partners/v1/firehose/events?fromTimestamp=${from}`, {
    headers: { "X-API-KEY": key },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`capture: HTTP ${res.status}`);
  const out = createWriteStream(file);
  let n = 0;
  let bytes = 0;
  let full = false;
  const reader = res.body.getReader();
  try {
    while (n < lines && !full) {
      const { value, done } = await reader.read();
      if (done) break;
      let end = 0;
      for (let i = value.indexOf(10); i !== -1 && n < lines; i = value.indexOf(10, i + 1)) {
        if (bytes + i + 1 > maxBytes) {
          full = true;
          break;
        }
        n++;
        end = i + 1;
      }
      // A chunk may end inside a line: keep its tail unless the count (or the size) is reached.
      const take = n >= lines || full ? end : value.length;
      bytes += take;
      if (!out.write(value.subarray(0, take))) await new Promise<void>((r) => out.once("drain", () => r()));
    }
  } finally {
    controller.abort();
    await new Promise<void>((r) => out.end(() => r()));
  }
  return n;
}

/** Chunks of whole lines: byte offset, length, and the newest recordTimestamp in each. */
export interface ChunkIndex {
  offsets: number[];
  lengths: number[];
  maxTs: number[];
  /** Lines in each chunk. */
  counts: number[];
  lines: number;
  firstTs: number;
  lastTs: number;
}

const TS = Buffer.from('"recordTimestamp":');

/**
 * Splits `buf` (whole NDJSON lines) into chunks of at most `maxBytes`, and, with `spanMs`, never
 * spanning more than that much record time (a paced replay sends each chunk when its newest record is due).
 */
export function indexLines(buf: Buffer, maxBytes: number, spanMs = Infinity): ChunkIndex {
  const ix: ChunkIndex = { offsets: [], lengths: [], maxTs: [], counts: [], lines: 0, firstTs: NaN, lastTs: NaN };
  let start = 0;
  let chunkFirst = NaN;
  let chunkMax = -Infinity;
  let chunkLines = 0;
  const close = (end: number) => {
    if (end <= start) return;
    ix.offsets.push(start);
    ix.lengths.push(end - start);
    ix.maxTs.push(chunkMax);
    ix.counts.push(chunkLines);
    chunkLines = 0;
    start = end;
    chunkFirst = NaN;
    chunkMax = -Infinity;
  };
  let lineStart = 0;
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, lineStart)) {
    const at = buf.indexOf(TS, lineStart);
    const ts = at !== -1 && at < nl ? parseInt(buf.toString("latin1", at + TS.length, at + TS.length + 16), 10) : NaN;
    if (Number.isFinite(ts)) {
      if ((nl + 1 - start > maxBytes || ts - chunkFirst >= spanMs) && lineStart > start) close(lineStart);
      if (Number.isNaN(chunkFirst)) chunkFirst = ts;
      if (ts > chunkMax) chunkMax = ts;
      if (Number.isNaN(ix.firstTs)) ix.firstTs = ts;
      ix.lastTs = ts;
    }
    ix.lines++;
    chunkLines++;
    lineStart = nl + 1;
  }
  close(lineStart);
  return ix;
}
