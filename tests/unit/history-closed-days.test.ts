import { describe, expect, it } from "vitest";
import { createClosedDayCache, readClosed } from "@/lib/history/closed-days";

describe("closed-day cache", () => {
  it("reads a closed day once, an open day every time", async () => {
    const cache = createClosedDayCache<number[]>(4);
    let reads = 0;
    const read = async () => [++reads];
    expect(await readClosed(cache, "d1", true, 0, read)).toEqual([1]);
    expect(await readClosed(cache, "d1", true, 1_000, read)).toEqual([1]);
    expect(await readClosed(cache, "d2", false, 1_000, read)).toEqual([2]);
    expect(await readClosed(cache, "d2", false, 1_000, read)).toEqual([3]);
    expect(cache.size).toBe(1);
  });

  it("forgets entries past their age, and the least recently used beyond its size", async () => {
    const cache = createClosedDayCache<string>(2, 60_000);
    cache.set("a", "A", 0);
    cache.set("b", "B", 0);
    expect(cache.get("a", 10)).toBe("A"); // now the most recently used
    cache.set("c", "C", 20);
    expect(cache.get("b", 30)).toBeUndefined();
    expect(cache.get("a", 30)).toBe("A");
    expect(cache.get("a", 60_001)).toBeUndefined(); // older than the TTL: read again
    expect(cache.size).toBe(1);
  });
});
