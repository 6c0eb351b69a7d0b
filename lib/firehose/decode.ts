import { z } from "zod";

// Pure decoding of one Firehose line (shared/spec/firehose-events.md). Tolerant where Cisco is:
// a missing field means its proto3 default, int64 may arrive as a number or a string, and fields the
// engine does not read are never validated (they cost time on the hot path and protect nothing).

const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);
const str = z.string().catch("");
const num = z.number().catch(0);

const locationNodeSchema = z.object({
  locationId: z.string().min(1),
  name: str.default(""),
  inferredLocationTypes: z.array(z.string()).catch([]).default([]),
});

export type LocationNode = z.infer<typeof locationNodeSchema> & { parentId: string | null };

const MAX_CHAIN_DEPTH = 16;

/** Flattens the recursive Location object into nodes, most specific first. */
function decodeChain(value: unknown): LocationNode[] | null {
  const chain: LocationNode[] = [];
  let cursor: unknown = value;
  while (cursor !== undefined && cursor !== null) {
    if (chain.length >= MAX_CHAIN_DEPTH) return null;
    const node = locationNodeSchema.safeParse(cursor);
    if (!node.success) return null;
    const parent = (cursor as { parent?: unknown }).parent;
    const parentId = parent && typeof parent === "object" ? (parent as { locationId?: unknown }).locationId : undefined;
    chain.push({ ...node.data, parentId: typeof parentId === "string" && parentId ? parentId : null });
    cursor = parent;
  }
  return chain.length ? chain : null;
}

const envelopeSchema = z.object({
  recordUid: z.string().min(1),
  recordTimestamp: int64,
  spacesTenantId: str.default(""),
  partnerTenantId: str.default(""),
  eventType: z.string().min(1),
});

interface Envelope {
  uid: string;
  ts: number;
  spacesTenantId: string;
  partnerTenantId: string;
}

const devicePresenceTypes = {
  DEVICE_ENTRY_EVENT: "entry",
  DEVICE_ACTIVE_EVENT: "active",
  DEVICE_IN_ACTIVE_EVENT: "inactive",
  DEVICE_EXIT_EVENT: "exit",
} as const;

const deviceLocationSchema = z.object({
  device: z.object({ deviceId: z.string().min(1) }),
  mapId: str.default(""),
  xPos: num.default(0),
  yPos: num.default(0),
  lastSeen: int64.catch(0).default(0),
});

const devicePresenceSchema = z.object({
  presenceEventType: z.string(),
  device: z.object({ deviceId: z.string().min(1) }),
});

const cameraCountSchema = z.object({ count: z.number().int().min(0).catch(0).default(0) });

export type FirehoseEvent = Envelope &
  (
    | { type: "KEEP_ALIVE" }
    | { type: "DEVICE_LOCATION_UPDATE"; chain: LocationNode[]; deviceId: string; mapId: string; x: number; y: number }
    | {
        type: "DEVICE_PRESENCE";
        chain: LocationNode[];
        deviceId: string;
        presence: (typeof devicePresenceTypes)[keyof typeof devicePresenceTypes] | "other";
      }
    | { type: "CAMERA_COUNT"; chain: LocationNode[]; count: number }
  );

export type DecodeFailure = "json" | "envelope" | "unknown_type" | "payload";
export type DecodeResult = { ok: true; event: FirehoseEvent } | { ok: false; reason: DecodeFailure; eventType?: string; detail: string };

const fail = (reason: DecodeFailure, detail: string, eventType?: string): DecodeResult => ({ ok: false, reason, detail, eventType });

type PayloadDecoder = (payload: Record<string, unknown>, env: Envelope) => FirehoseEvent | string;

/** eventType → [payload key, decoder]. A decoder returns the event or why the payload is invalid. */
const decoders: Record<string, [string | null, PayloadDecoder]> = {
  KEEP_ALIVE: [null, (_p, env) => ({ ...env, type: "KEEP_ALIVE" })],
  DEVICE_LOCATION_UPDATE: [
    "deviceLocationUpdate",
    (p, env) => {
      const chain = decodeChain(p.location);
      if (!chain) return "location missing or malformed";
      const r = deviceLocationSchema.safeParse(p);
      if (!r.success) return r.error.issues[0]?.message ?? "invalid";
      return { ...env, type: "DEVICE_LOCATION_UPDATE", chain, deviceId: r.data.device.deviceId, mapId: r.data.mapId, x: r.data.xPos, y: r.data.yPos };
    },
  ],
  DEVICE_PRESENCE: [
    "devicePresence",
    (p, env) => {
      const chain = decodeChain(p.location);
      if (!chain) return "location missing or malformed";
      const r = devicePresenceSchema.safeParse(p);
      if (!r.success) return r.error.issues[0]?.message ?? "invalid";
      const presence = devicePresenceTypes[r.data.presenceEventType as keyof typeof devicePresenceTypes] ?? "other";
      return { ...env, type: "DEVICE_PRESENCE", chain, deviceId: r.data.device.deviceId, presence };
    },
  ],
  CAMERA_COUNT: [
    "cameraCounts",
    (p, env) => {
      const chain = decodeChain(p.location);
      if (!chain) return "location missing or malformed";
      const r = cameraCountSchema.safeParse(p);
      if (!r.success) return r.error.issues[0]?.message ?? "invalid";
      return { ...env, type: "CAMERA_COUNT", chain, count: r.data.count };
    },
  ],
};

/** Decodes one NDJSON line. Never throws: every failure comes back with its reason. */
export function decodeLine(line: string): DecodeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return fail("json", "not valid JSON");
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("envelope", "not a JSON object");
  const e = envelopeSchema.safeParse(raw);
  if (!e.success) return fail("envelope", e.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const entry = decoders[e.data.eventType];
  if (!entry) return fail("unknown_type", `unknown eventType ${e.data.eventType}`, e.data.eventType);
  const [key, decode] = entry;
  const env: Envelope = {
    uid: e.data.recordUid,
    ts: e.data.recordTimestamp,
    spacesTenantId: e.data.spacesTenantId,
    partnerTenantId: e.data.partnerTenantId,
  };
  const payload = key ? (raw as Record<string, unknown>)[key] : {};
  if (!payload || typeof payload !== "object") return fail("payload", `missing ${key}`, e.data.eventType);
  const result = decode(payload as Record<string, unknown>, env);
  return typeof result === "string" ? fail("payload", result, e.data.eventType) : { ok: true, event: result };
}
