import { describe, expect, it } from "vitest";
import { alertNotice } from "@/lib/notify/channels/notice";
import { emailMessage } from "@/lib/notify/channels/email";
import { slackMessage } from "@/lib/notify/channels/slack";
import { teamsMessage } from "@/lib/notify/channels/teams";
import { lastSummarySlot, summaryNotice, summaryPeriod } from "@/lib/notify/weekly-summary";
import type { Insights } from "@/lib/insights/schema";
import { RIGHT_SIZING } from "../helpers/insights-week";

// When the weekly summary is due, what it says, and each channel's own format of a notice.

describe("weekly summary", () => {
  it("is due at the last Monday 08:00 on the configured clock, daylight saving included", () => {
    const tz = "Europe/Berlin";
    // Monday 30 March 2026, the day after spring-forward: 08:00 CEST is 06:00 UTC.
    expect(lastSummarySlot(Date.UTC(2026, 2, 30, 6, 30), "Mon 08:00", tz)).toBe(Date.UTC(2026, 2, 30, 6));
    // Before it on that Monday: the previous Monday, still in winter time (07:00 UTC).
    expect(lastSummarySlot(Date.UTC(2026, 2, 30, 5, 59), "Mon 08:00", tz)).toBe(Date.UTC(2026, 2, 23, 7));
    expect(lastSummarySlot(Date.UTC(2026, 3, 2, 12), "Mon 08:00", tz)).toBe(Date.UTC(2026, 2, 30, 6));
    expect(summaryPeriod(Date.UTC(2026, 2, 30, 6), tz)).toEqual({ from: "2026-03-23", to: "2026-03-29" });
  });

  it("names the busiest and quietest places and the suggestions, with a link to the same view", () => {
    const f = (id: string, utilization: number | null, peak: number) => ({
      id,
      name: id,
      type: "ZONE",
      parentId: null,
      capacity: 10,
      timeZone: "UTC",
      workingMinutes: 1,
      dataMinutes: 1,
      average: 1,
      peak,
      utilization,
      peakUtilization: null,
      timeUsed: null,
      fullShare: null,
      coverage: 1,
      heat: [],
    });
    const i = {
      scopeId: null,
      period: { from: "2026-11-30", to: "2026-12-06" },
      hours: { text: "Mon-Fri 08:00-18:00", days: [1, 2, 3, 4, 5], start: 480, end: 1080 },
      generatedAt: 0,
      locations: [f("A", 0.5, 9), f("B", 0.1, 3), f("C", null, 0), f("D", 0.3, 5)],
      groups: {},
      suggestions: [
        {
          kind: "often_full",
          locationId: "A",
          name: "A",
          capacity: 10,
          evidence: { fullShare: 0.2, dataMinutes: 600 },
          reason: "At or over its 10 seats for 20 % of 10 h of working time with data.",
          rule: "",
        },
      ],
      settings: RIGHT_SIZING,
    } satisfies Insights;
    const n = summaryNotice(i, "https://fp.example/");
    expect(n.lines).toEqual([
      "Working hours Mon-Fri 08:00-18:00, 2026-11-30 to 2026-12-06.",
      "Busiest: A 50 % utilization, peak 9; D 30 % utilization, peak 5; B 10 % utilization, peak 3.",
      "A: At or over its 10 seats for 20 % of 10 h of working time with data.",
    ]);
    expect(n.link!.url).toBe(
      "https://fp.example/insights?from=2026-11-30&to=2026-12-06&hours=Mon-Fri%2008%3A00-18%3A00",
    );
  });
});

describe("channel formats", () => {
  const n = alertNotice(
    {
      kind: "cleared",
      level: "busy",
      locationName: "R&D <lab>",
      count: 3,
      capacity: 10,
      at: Date.UTC(2026, 11, 4, 9),
      timeZone: "UTC",
    },
    null,
    "x",
  );

  it("escapes Slack's mrkdwn and keeps a plain-text fallback", () => {
    expect(slackMessage(n)).toEqual({
      text: "R&amp;D &lt;lab&gt; is no longer busy\nBack under the threshold at Fri 09:00 (UTC).",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "R&D <lab> is no longer busy" } },
        { type: "section", text: { type: "mrkdwn", text: "Back under the threshold at Fri 09:00 (UTC)." } },
      ],
    });
  });

  it("puts an Adaptive Card in a Teams message, coloured by tone", () => {
    const m = teamsMessage(n);
    expect(m.attachments[0]!.content.body[0]).toMatchObject({ text: "R&D <lab> is no longer busy", color: "Good" });
    expect(m.attachments[0]!.content.actions).toEqual([]);
  });

  it("carries the outbox message id where Slack and Teams formats have room for it", () => {
    expect(slackMessage(n, "alert:a7:cleared:slack").blocks[0]).toEqual({
      type: "header",
      block_id: "alert:a7:cleared:slack",
      text: { type: "plain_text", text: "R&D <lab> is no longer busy" },
    });
    expect(teamsMessage(n, "alert:a7:cleared:teams").attachments[0]!.content.body[0]).toMatchObject({
      id: "alert:a7:cleared:teams",
    });
  });

  it("escapes HTML in the e-mail and keeps the text part plain", () => {
    const e = emailMessage(n);
    expect(e.subject).toBe("R&D <lab> is no longer busy");
    expect(e.html).toContain("<h2>R&amp;D &lt;lab&gt; is no longer busy</h2>");
    expect(e.text).toBe("Back under the threshold at Fri 09:00 (UTC).\n");
  });
});
