import type { AuthContext } from "@/lib/auth/context";
import type { Config } from "@/lib/config";
import type { HealthSources } from "@/lib/health/types";
import type { Metrics } from "@/lib/metrics/metrics";
import type { HubCommands } from "@/lib/realtime/hub";
import type { ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import type { Logger } from "@/lib/log";

// Next bundles route handlers apart from what server.ts loads, so a module-level singleton would
// exist twice. server.ts puts the process-wide objects here, on globalThis, and routes read them.

/** What happens once /api/setup/activate stored a new activation: server.ts starts its Firehose. */
export interface ActivationsService {
  onActivated(activation: ActiveActivation): Promise<void> | void;
  /** Activations were stored or removed (e.g. an OAuth /appInfo completed): ingest looks again now. */
  changed(): Promise<void> | void;
}

export interface Registry {
  /** The configuration server.ts parsed once at boot: routes read settings here, never from the environment. */
  config: Config;
  db: Db;
  hub: HubCommands;
  log: Logger;
  /** Live checks for /api/health and /status; absent until server.ts provides them. */
  health?: HealthSources;
  /** The Prometheus registry behind GET /metrics. */
  metrics?: Metrics;
  /** Sign-in, launch and activation state (lib/auth); server.ts sets it whenever it serves the web. */
  auth?: AuthContext;
  /** Absent until server.ts wires ingest to it; a new activation is then streamed after the next restart. */
  activations?: ActivationsService;
  /** Ends the displays of a revoked kiosk link on this node (the others notice within seconds). */
  kiosks?: { revoked(kioskId: string): void; staleAfterMs: number };
  /** Where the ingest last placed a Cisco device: floor, per-process alias and position in feet. */
  locateDevice?: (tenantId: string, deviceId: string) => DeviceLocation | null | Promise<DeviceLocation | null>;
  /** The venue network's public IPv4 as Cisco knows it (Devices Lookup remoteIP); null when unknown. */
  venuePublicIp?: string | null;
}

export interface DeviceLocation {
  floorId: string;
  alias: number;
  x: number;
  y: number;
  /** The location the device counts in (a zone, or the floor). */
  locationId: string;
}

const KEY = Symbol.for("floorpulse.registry");
type Holder = { [KEY]?: Registry };

export function setRegistry(r: Registry): void {
  (globalThis as Holder)[KEY] = r;
}

export function getRegistryOrThrow(): Registry {
  const r = (globalThis as Holder)[KEY];
  if (!r) throw new Error("Floorpulse registry missing: start the app with server.ts (npm start), not `next start`.");
  return r;
}

/** The registry when server.ts set one (pages rendered at build time have none). */
export function findRegistry(): Registry | null {
  return (globalThis as Holder)[KEY] ?? null;
}
