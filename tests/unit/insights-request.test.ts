import { describe, expect, it } from "vitest";
import { readInsightsRequest } from "@/lib/insights/request";

// The insights query, as the page and GET /api/insights read it: defaults, and words for every mistake.

const defaults = { days: [1, 2, 3, 4, 5], start: 480, end: 1080 };

describe("insights query", () => {
  it("defaults to the configured hours and the last seven days", () => {
    expect(readInsightsRequest({}, defaults)).toEqual({ ok: true, scopeId: null, period: null, hours: defaults });
    expect(
      readInsightsRequest(
        { from: "2026-11-01", to: "2026-11-30", hours: "Sat-Sun 10:00-16:00", scope: "f1" },
        defaults,
      ),
    ).toEqual({
      ok: true,
      scopeId: "f1",
      period: { from: "2026-11-01", to: "2026-11-30" },
      hours: { days: [6, 7], start: 600, end: 960 },
    });
  });

  it("says what is wrong", () => {
    const message = (q: Record<string, string>) => {
      const r = readInsightsRequest(q, defaults);
      return r.ok ? null : r.message;
    };
    expect(message({ from: "2026-11-01" })).toBe(
      "from and to go together: give both days, or neither for the last 7 days",
    );
    expect(message({ from: "2026-12-01", to: "2026-11-01" })).toBe("to must be on or after from");
    expect(message({ from: "2026-01-01", to: "2026-12-31" })).toBe("a period is at most 93 days; this one is 365");
    expect(message({ from: "2026-02-30", to: "2026-03-01" })).toBe("from and to must be real calendar days");
    expect(message({ from: "yesterday", to: "2026-03-01" })).toBe("from: dates are YYYY-MM-DD");
    expect(message({ hours: "9 to 5" })).toBe(
      'hours: "9 to 5" is not working hours such as "Mon-Fri 08:00-18:00" (quarter hours, end after start)',
    );
  });
});
