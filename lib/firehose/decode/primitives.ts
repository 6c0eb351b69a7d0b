import { z } from "zod";
import { canonicalTimeZone } from "@/lib/time/zone";

// Building blocks shared by every payload schema. Proto3 JSON (Cisco Spaces Firehose Streaming API, EventRecord):
// a missing field means its default, int64 may arrive as a number or a decimal string, and floats may
// arrive as strings. Only what the engine reads is validated; everything else is never looked at.

const intString = z
  .string()
  .regex(/^-?\d+$/)
  .transform(Number);
const floatString = z
  .string()
  .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/)
  .transform(Number);

export const int64 = z.union([z.number(), intString]).pipe(z.number().finite());
/** A non-negative int32 count, required. */
export const countValue = z.union([z.number(), intString]).pipe(z.number().int().min(0));
/** A non-negative int32 count; missing means 0. */
export const count = countValue.default(0);
/** A people count where Webex sends -1 for "not available": negative becomes null. */
export const peopleCount = z
  .union([z.number(), intString])
  .pipe(z.number().int())
  .transform((n) => (n < 0 ? null : n));
/** A float coordinate; missing means 0. `+ 0` turns -0 into 0 so it survives JSON unchanged. */
export const coordinate = z
  .union([z.number(), floatString])
  .pipe(z.number().finite())
  .transform((n) => n + 0)
  .default(0);
/** A string the engine can live without: anything else becomes "". */
export const text = z.string().catch("");
export const id = z.string().min(1);

const locationNodeSchema = z.object({
  locationId: id,
  name: text,
  inferredLocationTypes: z.array(z.string()).catch([]),
});

/** One node of a location's parent chain, flattened: the parent is named by id only. */
export type LocationNode = z.infer<typeof locationNodeSchema> & { parentId: string | null };

type NodeFields = z.infer<typeof locationNodeSchema>;

/** A string array as is; null when anything in it is not a string (zod then decides). */
function stringArray(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  for (const x of v) if (typeof x !== "string") return null;
  return v as string[];
}

/**
 * locationNodeSchema's output without zod, for a node whose fields all have their documented types;
 * null for anything else (the caller then asks zod, which gives the same output or the failure).
 */
function narrowNode(v: unknown): NodeFields | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const { locationId, name, inferredLocationTypes } = v as Record<string, unknown>;
  if (typeof locationId !== "string" || !locationId || typeof name !== "string") return null;
  const types = stringArray(inferredLocationTypes);
  return types ? { locationId, name, inferredLocationTypes: types } : null;
}

/** A finite JSON number as `coordinate` gives it (-0 as 0), 0 when missing; null for anything else. */
export function narrowCoordinate(v: unknown): number | null {
  if (v === undefined) return 0;
  return typeof v === "number" && Number.isFinite(v) ? v + 0 : null;
}

/** Deeper than any real hierarchy (ROOT → CMX → CAMPUS → BUILDING → FLOOR → ZONE); bounds the walk. */
export const MAX_CHAIN_DEPTH = 16;

/**
 * Flattens the recursive Location object into nodes, most specific first, without recursing through
 * zod (a hostile line cannot make the parser walk an unbounded chain). Null when missing or malformed.
 */
export function decodeChain(value: unknown): LocationNode[] | null {
  const chain: LocationNode[] = [];
  let cursor: unknown = value;
  while (cursor !== undefined && cursor !== null) {
    if (chain.length >= MAX_CHAIN_DEPTH) return null;
    // The narrow check first (what every well-formed record is); zod decides anything else, so both
    // agree on every input.
    let node = narrowNode(cursor);
    if (!node) {
      const parsed = locationNodeSchema.safeParse(cursor);
      if (!parsed.success) return null;
      node = parsed.data;
    }
    const parent = (cursor as { parent?: unknown }).parent;
    const parentId = parent && typeof parent === "object" ? (parent as { locationId?: unknown }).locationId : undefined;
    // Built field by field: spreading zod's output object costs more than the whole parse.
    const { locationId, name, inferredLocationTypes } = node;
    chain.push({
      locationId,
      name,
      inferredLocationTypes,
      parentId: typeof parentId === "string" && parentId ? parentId : null,
    });
    cursor = parent;
  }
  return chain.length ? chain : null;
}

/** The first zod issue as "path: message", for the skip counter's log line (never the value itself). */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return "invalid";
  return i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message;
}

/**
 * The IANA zone a record states (presence events' `timeZone`, LOCATION_CHANGE's `locationDetails.timeZone`),
 * canonical, or null when missing or not a zone: a bad name costs the record nothing else.
 */
export function zoneOf(value: unknown): string | null {
  return canonicalTimeZone(value);
}
