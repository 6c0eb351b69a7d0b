// The Socket.IO protocol, shared by the server and the browser. Imports types only.
import type { DevicePoint, LocationInfo, Occupancy } from "@/lib/occupancy/types";

export interface LocationView extends LocationInfo {
  capacity: number | null;
  /** Comfortable target (busy at or above it); absent when the sender does not carry it. */
  targetCapacity?: number | null;
  /** A zone's outline on its floor in feet, [[x, y], ...]; absent when the sender does not carry it. */
  polygon?: Array<[number, number]> | null;
}

export interface IngestStatus {
  state: "starting" | "connecting" | "connected" | "retrying" | "unauthorized" | "paused" | "deactivated" | "stopped";
  detail: string | null;
}

// Every count sent (LocationSnapshot.counts, LocationDelta.counts) is an Occupancy: people, with the
// evidence behind the number: its source, the Wi-Fi devices and devices-per-person ratio of an estimate
// (`devices`, `ratio`, `learned`), the children of a roll-up (`parts`, `partType`), a camera's lower bound
// (`atLeast`), people counted in covered rooms (`covered`) and, for a place empty by Wi-Fi, `emptySince`.
export type { Occupancy };

/** What a watcher of a location sees: that location and everything under it (scope null: the whole tenant). */
export interface LocationSnapshot {
  scope: string | null;
  seq: number;
  locations: LocationView[];
  counts: Record<string, Occupancy>;
  /** Milliseconds since the server last received each count (server clock), so a display can tell
   * a number that just arrived from one held since before a stall; absent when the sender does not keep it. */
  ages?: Record<string, number>;
  ingest: IngestStatus;
}

export interface LocationDelta {
  scope: string | null;
  seq: number;
  locations: LocationView[];
  /** Locations Cisco removed: drop them (and their counts). */
  removed?: string[];
  counts: Record<string, Occupancy>;
  ingest?: IngestStatus;
  /** Oldest recordTimestamp (ms) among the records applied in the flushes behind this delta (latency). */
  t?: number;
}

export interface FloorSnapshot {
  seq: number;
  floorId: string;
  devices: DevicePoint[];
}

export interface FloorDeltaMessage {
  seq: number;
  floorId: string;
  moved: DevicePoint[];
  removed: number[];
  /** Oldest recordTimestamp (ms) among the records applied in the flushes behind this delta (latency). */
  t?: number;
}

/** `retryAfterMs`: the view could not be read now (the ingest thread busy, a store error); ask again after it. */
export type WatchError = { error: string; retryAfterMs?: number };

export interface ServerToClientEvents {
  "location:delta": (d: LocationDelta) => void;
  "floor:delta": (d: FloorDeltaMessage) => void;
  /** A fresh view, pushed to a socket that fell behind (its deltas were dropped): replace, do not merge. */
  "location:snapshot": (s: LocationSnapshot) => void;
  "floor:snapshot": (s: FloorSnapshot) => void;
  /** A kiosk's link was revoked: the server disconnects it right after this. */
  "kiosk:revoked": () => void;
  /** The browser's session ended or changed (sign-out, expiry, removal, demotion): the server disconnects it right after this. */
  "session:ended": () => void;
  /** The socket sent more events than its budget (RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE): the server disconnects it right after this. */
  "rate:limited": (o: { retryAfterSec: number }) => void;
  /** This server is shutting down: the connection closes next and the client reconnects (to another node or after the restart). */
  "server:closing": () => void;
}

export interface ClientToServerEvents {
  "location:watch": (scope: string | null, ack: (s: LocationSnapshot | WatchError) => void) => void;
  "location:unwatch": (scope: string | null) => void;
  "floor:watch": (floorId: string, ack: (s: FloorSnapshot | WatchError) => void) => void;
  "floor:unwatch": (floorId: string) => void;
}

/** Who is on the other end of a socket: their tenant, role and (for kiosks) the subtree they may see. */
export interface Principal {
  tenantId: string;
  role: "admin" | "viewer" | "kiosk";
  scopeLocationId: string | null;
  /** For a kiosk: its link's id, so revoking the link ends the connection. */
  kioskId?: string;
  /** For a signed-in browser: its session, so signing out, expiry or a demotion ends the connection. */
  sessionId?: string;
}
