import type { Activations } from "./activations";
import type { ApiKeys } from "./api-keys";
import type { SimClock } from "./clock";
import type { EventLog } from "./event-log";
import type { Faults } from "./faults";
import type { KeyPair } from "./keys";
import type { OAuthDriver } from "./oauth-driver";
import type { Connection } from "./stream";
import type { World } from "./world";

// What the route handlers share. Built once by createSimulator.

export interface MintActivationOptions {
  ttlSeconds?: number;
  keyVersion?: string;
  baseUrl?: string;
  /** Tenant index (0 = the demo tenant). */
  tenant?: number;
  skewSeconds?: number;
  appId?: string;
  activationRefId?: string;
}

export interface MintLaunchOptions {
  userId: string;
  ttlSeconds?: number;
  keyVersion?: string;
  tenant?: number;
  skewSeconds?: number;
  appId?: string;
}

export interface MonitoringReport {
  /** Wall-clock time it arrived. */
  at: number;
  status: number;
  /** The activation the key belongs to ("partner" for the partner key), or null for a refused key. */
  ref: string | null;
  partnerTenantId: string | null;
  /** The parsed body (or the raw text when it was not JSON). */
  body: unknown;
  error: string | null;
}

export interface SimContext {
  world: World;
  clock: SimClock;
  wallNow: () => number;
  appId: string;
  appName: string;
  keys: KeyPair[];
  apiKeys: ApiKeys;
  activations: Activations;
  faults: Faults;
  log: EventLog;
  oauth: OAuthDriver;
  connections: Set<Connection>;
  monitoring: MonitoringReport[];
  /** Floor plans an admin re-uploaded, by mapId: served instead of the drawn plan, with their own ETag. */
  mapUploads: Map<string, { bytes: Buffer; contentType: string }>;
  /** Requests received, by "METHOD /path" (no query): tests prove which APIs a client never calls. */
  requests: Map<string, number>;
  /** The latest requests with the partnerTenantId they named (newest last, at most REQUEST_LOG_LIMIT). */
  requestLog: RequestLogEntry[];
  keepAliveMs: number;
  replayWindowMs: number;
  /** False: mapDetails carry no dimension (the app then has no floor size in feet). */
  mapDimension: boolean;
  baseUrl(): string;
  mintActivationToken(o?: MintActivationOptions): Promise<string>;
  mintLaunchToken(o: MintLaunchOptions): Promise<string>;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  partnerTenantId: string | null;
}

export const REQUEST_LOG_LIMIT = 2_000;
