// Captures the simulator's Firehose stream to a file before a scenario's clock starts, and indexes it
// into chunks the replay server (bench/replay.ts) reads from disk and sends whole. The index is pure
// over the bytes; indexFile reads the file in large sequential blocks (never the whole file at once).
import { createWriteStream } from "node:fs";
import { open } from "node:fs/promises";

/**
 * Writes the first `lines` lines of the stream from `from` to `file` (whole lines only), fewer if they
 * would pass `maxBytes` (a guard for the disk). Returns the line count.
 */
export async function captureStream(
  simUrl: string,
  key: string,
  from: number,
  lines: number,
  file: string,
  maxBytes = 20e9,
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

/** Appends `part` (an index of bytes that start at `base` in the file) to `into`. */
export function appendIndex(into: ChunkIndex, part: ChunkIndex, base: number): void {
  for (let i = 0; i < part.offsets.length; i++) {
    into.offsets.push(part.offsets[i]! + base);
    into.lengths.push(part.lengths[i]!);
    into.maxTs.push(part.maxTs[i]!);
    into.counts.push(part.counts[i]!);
  }
  into.lines += part.lines;
  if (Number.isNaN(into.firstTs)) into.firstTs = part.firstTs;
  if (Number.isFinite(part.lastTs)) into.lastTs = part.lastTs;
}

/**
 * indexLines over a file of any size, read in sequential blocks of `blockBytes` cut at their last
 * newline (a chunk never spans two blocks). Returns the index and the file's size in bytes.
 */
export async function indexFile(
  file: string,
  maxBytes: number,
  spanMs = Infinity,
  blockBytes = 16 * 1024 * 1024,
): Promise<{ ix: ChunkIndex; bytes: number }> {
  const ix: ChunkIndex = { offsets: [], lengths: [], maxTs: [], counts: [], lines: 0, firstTs: NaN, lastTs: NaN };
  const fh = await open(file, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.max(blockBytes, maxBytes + 1));
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const end = buf.lastIndexOf(10, bytesRead - 1) + 1;
      // No newline in a whole block: a line longer than the block; the capture only writes whole lines.
      if (end === 0) break;
      appendIndex(ix, indexLines(buf.subarray(0, end), maxBytes, spanMs), pos);
      pos += end;
    }
    return { ix, bytes: pos };
  } finally {
    await fh.close();
  }
}

/**
 * Where a stream from `ts` starts inside a chunk: the byte offset of the first line whose
 * recordTimestamp is at or after `ts` (records are in time order), and how many lines come before it.
 */
export function startWithin(chunk: Buffer, ts: number): { offset: number; skipped: number } {
  let lineStart = 0;
  let skipped = 0;
  for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, lineStart)) {
    const at = chunk.indexOf(TS, lineStart);
    if (at !== -1 && at < nl) {
      const t = parseInt(chunk.toString("latin1", at + TS.length, at + TS.length + 16), 10);
      if (t >= ts) break;
    }
    skipped++;
    lineStart = nl + 1;
  }
  return { offset: lineStart, skipped };
}
