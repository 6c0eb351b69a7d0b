import { z } from "zod";
import { instantMs } from "@/lib/time/bounds";

// The one spelling of what /api/insights answers: the route validates against it, the page and the
// pure modules take their types from it, and /api/openapi.json is generated from it.

const ratio = z.number().min(0).nullable();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");

export const locationFiguresSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().describe("ROOT, CAMPUS, BUILDING, FLOOR, ZONE or OTHER, as Cisco Spaces names the level"),
  parentId: z.string().nullable(),
  capacity: z.number().int().nullable(),
  timeZone: z.string().describe("The building's IANA time zone; working hours and the heat grid follow its clock"),
  workingMinutes: z.number().int().min(0).describe("Minutes of the period inside working hours"),
  dataMinutes: z.number().int().min(0).describe("Of those, minutes with data"),
  average: z.number().min(0).nullable().describe("Time-weighted mean count over working minutes with data"),
  peak: z.number().int().min(0).nullable().describe("Highest count at any moment in working hours"),
  utilization: ratio.describe("average ÷ capacity"),
  peakUtilization: ratio.describe("peak ÷ capacity"),
  timeUsed: ratio.describe("Share of working minutes with data in which anyone was there"),
  fullShare: ratio.describe("Share of working minutes with data at or over capacity"),
  coverage: ratio.describe("dataMinutes ÷ workingMinutes"),
  heat: z
    .array(z.number().min(0).nullable())
    .length(168)
    .describe("Typical count by weekday and hour of the building's clock: index (ISO weekday − 1) × 24 + hour"),
});
export type LocationFigures = z.infer<typeof locationFiguresSchema>;

export const groupStatsSchema = z.object({
  meetings: z.number().int().min(0),
  groupSize: z
    .number()
    .int()
    .nullable()
    .describe("The percentile of meeting group sizes (e.g. 95 % of meetings had this many people or fewer)"),
  largest: z.number().int().nullable(),
});
export type GroupStats = z.infer<typeof groupStatsSchema>;

const suggestionBase = {
  locationId: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  reason: z.string(),
  rule: z.string(),
};
export const suggestionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("oversized"), ...suggestionBase, evidence: groupStatsSchema }),
  z.object({
    kind: z.literal("often_full"),
    ...suggestionBase,
    evidence: z.object({ fullShare: z.number(), dataMinutes: z.number().int() }),
  }),
  z.object({
    kind: z.literal("consolidate_floor"),
    ...suggestionBase,
    evidence: z.object({ peak: z.number().int(), peakShare: z.number(), average: z.number().nullable() }),
  }),
]);
export type Suggestion = z.infer<typeof suggestionSchema>;

export const workingHoursOutSchema = z.object({
  text: z.string().describe('As typed in the form, e.g. "Mon-Fri 08:00-18:00"'),
  days: z.array(z.number().int().min(1).max(7)),
  start: z.number().int(),
  end: z.number().int(),
});

export const rightSizingSettingsSchema = z.object({
  minMeetingMinutes: z.number(),
  meetingGapMinutes: z.number(),
  minMeetings: z.number(),
  groupPercentile: z.number(),
  oversizedShare: z.number(),
  fullShare: z.number(),
  floorPeakShare: z.number(),
  minDataHours: z.number(),
});
export type RightSizingSettings = z.infer<typeof rightSizingSettingsSchema>;

export const insightsSchema = z.object({
  scopeId: z.string().nullable(),
  period: z
    .object({ from: isoDate, to: isoDate })
    .describe("Local calendar days, both included, on each building's own calendar"),
  hours: workingHoursOutSchema,
  generatedAt: z.number().int(),
  locations: z.array(locationFiguresSchema),
  groups: z.record(z.string(), groupStatsSchema).describe("Meeting group sizes of each room (ZONE) with a capacity"),
  suggestions: z.array(suggestionSchema),
  settings: rightSizingSettingsSchema,
});
export type Insights = z.infer<typeof insightsSchema>;

/** Query string of GET /api/insights (and the page). */
export const insightsQuerySchema = z.object({
  from: isoDate.optional().describe("First local day (default: six days before today)"),
  to: isoDate.optional().describe("Last local day, included (default: today)"),
  hours: z
    .string()
    .max(60)
    .optional()
    .describe('Working hours such as "Mon-Fri 08:00-18:00" (default: INSIGHTS_WORKING_HOURS)'),
  scope: z
    .string()
    .max(200)
    .optional()
    .describe("A location id: that location and everything below it (default: every location)"),
});
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

export const forecastSchema = z.object({
  locationId: z.string(),
  timeZone: z.string().describe("The building's IANA zone: 'today' is its calendar day"),
  generatedAt: z.number().int(),
  points: z
    .array(
      z.object({
        t: z.number().int(),
        expected: z.number().min(0),
        low: z.number().min(0).nullable(),
        high: z.number().min(0).nullable(),
      }),
    )
    .describe(
      "Each quarter hour from now to the end of today: the expected count and an 80 % interval (null with fewer than two weeks behind it)",
    ),
  weeks: z.number().int().min(0).describe("Previous same weekdays with data behind the typical curve (at most 8)"),
  ratio: z.number().nullable().describe("Today over typical in the last two hours; null when too little of either"),
  sentence: z.string().nullable().describe('What a kiosk says, e.g. "Usually quieter after 14:00."'),
});
export type ForecastJson = z.infer<typeof forecastSchema>;
export const forecastQuerySchema = z.object({
  at: instantMs
    .optional()
    .describe(
      "The moment the forecast is made, epoch ms (default: now): only data stored before it is used, so a past moment gives what the forecast said then, to check against what happened",
    ),
});
