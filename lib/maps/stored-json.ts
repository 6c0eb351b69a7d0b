import type { z } from "zod";

/**
 * A JSON column read back through its schema: `fallback` when there is none, it is not JSON, or it no
 * longer fits the schema (an unreadable row must not break what shows it).
 */
export function parseStoredJson<S extends z.ZodType, F>(
  schema: S,
  json: string | null | undefined,
  fallback: F,
): z.output<S> | F {
  if (!json) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}
