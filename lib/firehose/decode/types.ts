import type { FloorDimension } from "@/lib/firehose/decode/map-details";
import type { LocationNode } from "./primitives";

// The decoded events: only what the engine reads, and never personal data. Devices are known by Cisco's
// deviceId alone (no MAC, e-mail, names, phone); tenants by their ids.

export type { LocationNode };

export interface Envelope {
  uid: string;
  /** recordTimestamp, epoch ms. */
  ts: number;
  spacesTenantId: string;
  partnerTenantId: string;
}

/** Presence lifecycle step (DEVICE_PRESENCE and USER_PRESENCE enums, shortened). */
export type Presence = "entry" | "active" | "inactive" | "exit" | "other";
export type LocationChangeKind = "ADD" | "UPDATE" | "REMOVE" | "MOVE" | "OTHER";

/** Types decoded and counted, but with nothing for occupancy beyond their location (if any). */
export const INFO_TYPES = [
  "PROFILE_UPDATE",
  "IOT_USER_ACTION",
  "NETWORK_TELEMETRY",
  "LOCATION_ANCHOR_UPDATE",
  "NETWORK_STATUS_UPDATE",
  "BLE_RSSI_UPDATE",
  "ACCOUNT_ADMIN_ACTIVATION",
  "ACCOUNT_ADMIN_CHANGE",
  "SPACE_OCCUPANCY_CHANGE",
] as const;
export type InfoType = (typeof INFO_TYPES)[number];

export interface TenantRef {
  spacesTenantId: string;
  partnerTenantId: string;
  /** The activation's referenceId when Cisco sends one, else "". */
  referenceId: string;
}

type Chain = LocationNode[];

export type FirehoseEvent = Envelope &
  (
    | { type: "KEEP_ALIVE" }
    | { type: "DEVICE_LOCATION_UPDATE"; chain: Chain; deviceId: string; mapId: string; x: number; y: number }
    /** timeZone (here and below): the venue's IANA zone as the record states it, canonical; null when absent or invalid. */
    | { type: "DEVICE_ENTRY"; chain: Chain; deviceId: string; timeZone?: string | null }
    | { type: "DEVICE_EXIT"; chain: Chain; deviceId: string; timeZone?: string | null }
    /** activeDevices / inactiveDevices: Cisco's counts of active and inactive devices at the location; null when the record has none. */
    | {
        type: "DEVICE_PRESENCE";
        chain: Chain;
        deviceId: string;
        presence: Presence;
        activeDevices: number | null;
        inactiveDevices: number | null;
        timeZone?: string | null;
      }
    | {
        type: "USER_PRESENCE";
        chain: Chain;
        presence: Presence;
        activeUsers: number | null;
        inactiveUsers: number | null;
        timeZone?: string | null;
      }
    | {
        type: "DEVICE_COUNT";
        chain: Chain;
        associated: number;
        /** userCount: Wi-Fi users (people) among them; null when absent. */ users: number | null;
      }
    | { type: "CAMERA_COUNT"; chain: Chain; count: number }
    | { type: "RAW_CAMERA_COUNT"; chain: Chain; cameraId: string; zoneId: string; count: number }
    /** people: null when the device has no count (Webex sends -1 in standby). reporter: the device or space. */
    | {
        type: "TP_PEOPLE_COUNT_UPDATE" | "WEBEX_TELEMETRY" | "SPACE_OCCUPANCY";
        chain: Chain;
        reporter: string;
        people: number | null;
      }
    /** IoT telemetry without Webex room data (tpData) has no count and may have no location. */
    | { type: "IOT_TELEMETRY"; chain: Chain | null; reporter: string; people: number | null }
    /** timeZone: a canonical IANA zone, or null; dimension: the floor's size and offsets in feet, when mapDetails has them. */
    | {
        type: "LOCATION_CHANGE";
        chain: Chain;
        change: LocationChangeKind;
        mapId: string;
        timeZone: string | null;
        dimension: FloorDimension | null;
      }
    | { type: "APP_ACTIVATION" | "APP_DE_ACTIVATION"; tenant: TenantRef }
    | { type: InfoType; chain: Chain | null }
  );

export type EventType = FirehoseEvent["type"];

export type DecodeFailure = "json" | "envelope" | "unknown_type" | "payload";
export type DecodeResult =
  { ok: true; event: FirehoseEvent } | { ok: false; reason: DecodeFailure; eventType?: string; detail: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event without its envelope. */
export type EventBody = DistributiveOmit<FirehoseEvent, keyof Envelope>;

/**
 * Decodes one payload: the event's body, or why the payload is invalid. The caller adds the envelope
 * with Object.assign: on Node 20, `{ ...env, more }` costs microseconds per event, far more than parsing.
 */
export type PayloadDecoder = (payload: Record<string, unknown>, env: Envelope) => EventBody | string;

export interface DecoderEntry {
  /** Payload key(s), in order of preference; null when the event has no payload (KEEP_ALIVE). */
  keys: readonly string[] | null;
  /** True when Cisco has not documented the payload: a record without one is still accepted. */
  payloadOptional?: boolean;
  decode: PayloadDecoder;
}
