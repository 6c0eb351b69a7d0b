import { describe, expect, it } from "vitest";
import { createLineSplitter } from "@/lib/firehose/ndjson";

function split(chunks: string[], max?: number) {
  const lines: string[] = [];
  let oversized = 0;
  const s = createLineSplitter(
    (l) => lines.push(l),
    () => oversized++,
    max,
  );
  for (const c of chunks) s.push(c);
  return { lines, oversized, pending: s.pending };
}

describe("NDJSON line splitter", () => {
  it("joins lines split across chunks and handles \\r\\n and blank lines", () => {
    const r = split(['{"a":1}\r\n\n{"b"', ":2}\n", "\r\n", '{"c":3}\n']);
    expect(r.lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(r.oversized).toBe(0);
  });

  it("keeps a final partial line pending instead of emitting half a record", () => {
    const r = split(['{"a":1}\n{"b":']);
    expect(r.lines).toEqual(['{"a":1}']);
    expect(r.pending).toBe('{"b":');
  });

  it("skips and counts an oversized line, then carries on with the next one", () => {
    const big = "x".repeat(50);
    const r = split(['{"a":1}\n', big.slice(0, 30), big.slice(30) + "\n", '{"b":2}\n'], 20);
    expect(r.lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(r.oversized).toBe(1);
  });
});
