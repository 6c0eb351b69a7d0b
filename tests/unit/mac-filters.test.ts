import { describe, expect, it } from "vitest";
import { macFilterBodySchema, macPatternProblem, MAX_MAC_FILTERS } from "@/lib/privacy/mac-filters";

describe("excluded device entries", () => {
  it("accepts whole MAC addresses in any case and separator, and patterns with * and ?", () => {
    for (const ok of [
      "aa:bb:cc:dd:ee:ff",
      "AA-BB-CC-DD-EE-FF",
      "00:1b:a9:*",
      "*:ee:ff",
      "0?:1b:a9:*",
      "a4:5e:60:c2:11:?b",
    ])
      expect(macPatternProblem(ok), ok).toBeNull();
  });

  it("refuses what is not a MAC address or pattern, and patterns that would exclude every device", () => {
    expect(macPatternProblem("printer")).toMatch(/not a MAC address or pattern/);
    expect(macPatternProblem("aa:bb:cc")).toMatch(/not a whole MAC address/);
    expect(macPatternProblem("aa:bb:cc:dd:ee:ff:00")).toMatch(/longer than a MAC address|not a MAC/);
    expect(macPatternProblem("gg:bb:cc:dd:ee:ff")).toMatch(/not a MAC address or pattern/);
    for (const all of ["*", "??:??:??:??:??:??", "*:*"]) expect(macPatternProblem(all), all).toMatch(/every device/);
    expect(macPatternProblem("  ")).toBe("empty entry");
  });

  it("normalises, removes repeats and limits the list", () => {
    expect(
      macFilterBodySchema.parse({ macFilter: ["AA-BB-CC-DD-EE-01", "aa:bb:cc:dd:ee:01", " 00:1B:A9:* "] }),
    ).toEqual({ macFilter: ["aa:bb:cc:dd:ee:01", "00:1b:a9:*"] });
    expect(
      macFilterBodySchema.safeParse({ macFilter: Array(MAX_MAC_FILTERS + 1).fill("aa:bb:cc:dd:ee:ff") }).success,
    ).toBe(false);
    expect(macFilterBodySchema.safeParse({ macFilter: ["aa:bb:cc:dd:ee:ff"], extra: 1 }).success).toBe(false);
  });
});
