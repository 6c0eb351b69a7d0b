import { describe, expect, it } from "vitest";
import { indexLines } from "./capture";

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
