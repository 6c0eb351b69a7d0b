import { z } from "zod";
import { adminDecoders } from "./admin";
import { countDecoders } from "./counts";
import { deviceDecoders } from "./devices";
import { int64, text } from "./primitives";
import type { DecodeFailure, DecodeResult, DecoderEntry, Envelope, FirehoseEvent } from "./types";

// Pure decoding of one Firehose line (Cisco Spaces Firehose Streaming API, EventRecord; docs/cisco-spaces.md).
// Tolerant where Cisco is: a
// missing field means its proto3 default, int64 may arrive as a number or a string, and fields the
// engine does not read are never validated (they cost time on the hot path and protect nothing).
// Every documented eventType has a decoder; anything else is "unknown_type", counted and skipped.

export type {
  DecodeFailure,
  DecodeResult,
  EventType,
  FirehoseEvent,
  InfoType,
  LocationChangeKind,
  LocationNode,
  Presence,
  TenantRef,
} from "./types";
export { INFO_TYPES } from "./types";

const envelopeSchema = z.object({
  recordUid: z.string().min(1),
  recordTimestamp: int64,
  spacesTenantId: text,
  partnerTenantId: text,
  eventType: z.string().min(1),
});

const decoders: Record<string, DecoderEntry> = { ...adminDecoders, ...deviceDecoders, ...countDecoders };

/** Every eventType the decoder knows. */
export const KNOWN_EVENT_TYPES: readonly string[] = Object.keys(decoders);

const fail = (reason: DecodeFailure, detail: string, eventType?: string): DecodeResult => ({
  ok: false,
  reason,
  detail,
  eventType,
});

function payloadOf(raw: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) if (raw[k] !== undefined) return raw[k];
  return undefined;
}

/**
 * The envelope as envelopeSchema gives it, read without zod when every field has its documented JSON
 * type (a number timestamp, strings); null when zod must decide (int64 as a string, a wrong type).
 */
function narrowEnvelope(raw: Record<string, unknown>): Envelope | null {
  const { recordUid, recordTimestamp, spacesTenantId, partnerTenantId, eventType } = raw;
  if (typeof recordUid !== "string" || !recordUid || typeof eventType !== "string" || !eventType) return null;
  if (typeof recordTimestamp !== "number" || !Number.isFinite(recordTimestamp)) return null;
  if (typeof spacesTenantId !== "string" || typeof partnerTenantId !== "string") return null;
  return { uid: recordUid, ts: recordTimestamp, spacesTenantId, partnerTenantId };
}

/** Decodes one NDJSON line. Never throws: every failure comes back with its reason. */
export function decodeLine(line: string): DecodeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return fail("json", "not valid JSON");
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("envelope", "not a JSON object");
  let env = narrowEnvelope(raw as Record<string, unknown>);
  let type = (raw as { eventType?: unknown }).eventType as string;
  if (!env) {
    const e = envelopeSchema.safeParse(raw);
    if (!e.success) return fail("envelope", e.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    type = e.data.eventType;
    env = {
      uid: e.data.recordUid,
      ts: e.data.recordTimestamp,
      spacesTenantId: e.data.spacesTenantId,
      partnerTenantId: e.data.partnerTenantId,
    };
  }
  const entry = Object.hasOwn(decoders, type) ? decoders[type] : undefined;
  if (!entry) return fail("unknown_type", `unknown eventType ${type}`, type);
  let payload: unknown = entry.keys ? payloadOf(raw as Record<string, unknown>, entry.keys) : {};
  if (payload === undefined && entry.payloadOptional) payload = {};
  if (!payload || typeof payload !== "object" || Array.isArray(payload))
    return fail("payload", `missing ${entry.keys?.[0] ?? "payload"}`, type);
  try {
    const result = entry.decode(payload as Record<string, unknown>, env);
    return typeof result === "string"
      ? fail("payload", result, type)
      : { ok: true, event: Object.assign(result, env) as FirehoseEvent };
  } catch (err) {
    // A decoder bug must cost one line, never the stream.
    return fail("payload", `decoder error: ${(err as Error).message}`, type);
  }
}
