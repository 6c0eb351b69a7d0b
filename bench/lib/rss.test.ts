import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupRssBytes, parseStat } from "./rss";

describe("RSS of the server's process tree", () => {
  it("reads the process group, resident pages and CPU ticks from /proc/<pid>/stat, whatever the name holds", () => {
    const fields = "S 1 4242 4242 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 11 0 1000 123456789 2500 rest";
    expect(parseStat(`4243 (node) ${fields}`)).toEqual({ pgrp: 4242, rssPages: 2500, cpuTicks: 6 });
    expect(parseStat(`4243 (my (odd) name) ${fields}`)).toEqual({ pgrp: 4242, rssPages: 2500, cpuTicks: 6 });
    expect(parseStat("garbage")).toBeNull();
  });

  it("sums every process of a group, and nothing for a group that is gone", () => {
    // This test's own process group: at least this process is resident in it.
    const own = parseStat(readFileSync("/proc/self/stat", "utf8"))!;
    expect(groupRssBytes(own.pgrp)).toBeGreaterThanOrEqual(own.rssPages * 4096);
    expect(groupRssBytes(2 ** 22 + 7)).toBe(0);
  });
});
