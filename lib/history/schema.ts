import { z } from "zod";
import type { HistoryResult } from "./build";
import { instantMs } from "@/lib/time/bounds";
import { isTimeZone } from "./tz";

// GET /api/history/{locationId}: its query, and the JSON it answers (HistoryResult of ./build), as
// zod schemas, so /api/openapi.json describes exactly what the route validates and sends.

export const historyQuerySchema = z.object({
  range: z.enum(["hour", "day", "week", "month"]).default("hour"),
  from: instantMs.optional().describe("Start of the window, epoch ms (default: the window ending now; for day: today)"),
  /** Another zone's days instead of the building's (API users); the dashboard never sends it. */
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, "tz must be an IANA time zone such as Europe/London")
    .optional()
    .describe("IANA zone whose calendar days are meant (default: the building's own)"),
  format: z.enum(["json", "csv"]).default("json"),
  /** For CSV: the series to export, comma-separated (default: all). */
  series: z.string().max(200).optional().describe("For CSV: the series to export, comma-separated (default: all)"),
});

const point = z.object({ value: z.number(), at: z.number().int() });

export const historySchema = z.object({
  locationId: z.string(),
  range: z.enum(["hour", "day", "week", "month"]),
  from: z.number().int(),
  to: z.number().int(),
  binMs: z.number().int(),
  series: z.array(z.string()).describe('Series with data: "shown" first, then each source'),
  rows: z.array(
    z.object({
      t: z.number().int(),
      label: z.string().nullable(),
      values: z.record(z.string(), z.number().nullable()),
    }),
  ),
  stats: z.record(
    z.string(),
    z.object({
      peak: point.nullable(),
      average: z.number().nullable(),
      seconds: z.number(),
      last: point.extend({ label: z.string().nullable() }).nullable(),
    }),
  ),
  typical: z.object({ weeks: z.number().int(), weekStarts: z.array(z.number().int()) }).nullable(),
  gaps: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
  timeZone: z.string().describe("IANA zone whose days the window and bins follow (the building's)"),
  generatedAt: z.number().int(),
});

/** Keeps the schema and the type the route sends in step: a field added to one and not the other fails to compile. */
export type HistoryJson = z.infer<typeof historySchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inStep: Same<HistoryJson, HistoryResult> = true;
void inStep;
