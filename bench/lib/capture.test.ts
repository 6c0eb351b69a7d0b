import { describe, expect, it } from "vitest";
import { indexFile, indexLines, startWithin } from "./capture";

const line = (ts: number, pad = 0) =>
  `{"recordUid":"u${ts}","recordTimestamp":${ts},"eventType":"X"${" ".repeat(pad)}}\n`;

describe("a capture cut into chunks for the replay", () => {
  it("keeps whole lines, every byte once, with each chunk's newest record and line count", () => {
    const text = [1000, 1000, 1005, 1020, 1020, 1031].map((t) => line(t)).join("");
    const buf = Buffer.from(text);
    const ix = indexLines(buf, 1 << 20, 10);
    const chunks = ix.offsets.map((o, i) => buf.subarray(o, o + ix.lengths[i]!).toString());
    expect(chunks.join("")).toBe(text);
    for (const c of chunks) expect(c.endsWith("\n")).toBe(true);
    // Never more than 10 ms of record time per chunk: a paced replay sends each when its newest record is due.
    expect(ix.maxTs).toEqual([1005, 1020, 1031]);
    expect(ix.counts).toEqual([3, 2, 1]);
    expect(ix).toMatchObject({ lines: 6, firstTs: 1000, lastTs: 1031 });
  });

  it("bounds a chunk's bytes at full speed, but never splits a line", () => {
    const text = [1, 2, 3, 4].map((t) => line(t, 50)).join("");
    const ix = indexLines(Buffer.from(text), 100);
    expect(ix.counts).toEqual([1, 1, 1, 1]);
    expect(ix.lengths.reduce((a, b) => a + b, 0)).toBe(text.length);
    expect(indexLines(Buffer.from(text), 1 << 20).counts).toEqual([4]);
  });
});

describe("a capture on disk", () => {
  it("is indexed block by block into the same lines and bytes as the whole buffer", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "capture-test-"));
    try {
      const text = Array.from({ length: 200 }, (_, i) => line(1000 + i, i % 7)).join("");
      const file = join(dir, "c.ndjson");
      writeFileSync(file, text);
      // Blocks far smaller than the file: every block boundary falls inside a line.
      const { ix, bytes } = await indexFile(file, 300, 10, 1000);
      const buf = Buffer.from(text);
      expect(bytes).toBe(buf.length);
      expect(ix.offsets.map((o, i) => buf.subarray(o, o + ix.lengths[i]!).toString()).join("")).toBe(text);
      expect(ix).toMatchObject({ lines: 200, firstTs: 1000, lastTs: 1199 });
      expect(ix.counts.reduce((a, b) => a + b, 0)).toBe(200);
      for (let i = 0; i < ix.maxTs.length; i++) expect(ix.lengths[i]).toBeLessThanOrEqual(300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts a resumed stream at the first record at or after the asked timestamp", () => {
    const chunk = Buffer.from([1000, 1003, 1003, 1007].map((t) => line(t)).join(""));
    const at = startWithin(chunk, 1003);
    expect(at.skipped).toBe(1);
    expect(chunk.subarray(at.offset).toString()).toBe(line(1003) + line(1003) + line(1007));
    expect(startWithin(chunk, 2000)).toEqual({ offset: chunk.length, skipped: 4 });
  });
});
