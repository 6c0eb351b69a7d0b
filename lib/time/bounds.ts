import { z } from "zod";

// Instants a client may ask about (history `from`, time travel `at`): ms since 1970 between 2000 and
// 2100. Anything else is a 400 with a reason, never an Invalid Date deep in a query (a 500).

export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2100, 0, 1);

export const instantMs = z.coerce
  .number({ error: "must be a time in milliseconds since 1970" })
  .int("must be a whole number of milliseconds since 1970")
  .min(EARLIEST_MS, "must be after 2000-01-01")
  .max(LATEST_MS, "must be before 2100-01-01");
