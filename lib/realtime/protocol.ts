// The Socket.IO protocol, shared by the server and the browser. Imports types only.
import type { DevicePoint, LocationInfo, Occupancy } from "@/lib/occupancy/types";

export interface LocationView extends LocationInfo {
  capacity: number | null;
}

export interface OverviewSnapshot {
  seq: number;
  locations: LocationView[];
  counts: Record<string, Occupancy>;
  ingest: IngestStatus;
}

export interface OverviewDelta {
  seq: number;
  locations: LocationView[];
  counts: Record<string, Occupancy>;
  ingest?: IngestStatus;
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
}

export interface IngestStatus {
  state: "starting" | "connecting" | "connected" | "retrying" | "unauthorized" | "stopped";
  detail: string | null;
}

export interface ServerToClientEvents {
  "overview:delta": (d: OverviewDelta) => void;
  "floor:delta": (d: FloorDeltaMessage) => void;
}

export interface ClientToServerEvents {
  "overview:watch": (ack: (s: OverviewSnapshot) => void) => void;
  "floor:watch": (floorId: string, ack: (s: FloorSnapshot | { error: string }) => void) => void;
  "floor:unwatch": (floorId: string) => void;
}
