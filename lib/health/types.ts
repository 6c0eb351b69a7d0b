import type { Db } from "@/lib/store/db";

// What the health checks read from the running server, and what they say about it.

/** The parts of Floorpulse the status page reports on, in the order it shows them. */
export const COMPONENTS = ["web", "realtime", "ingest", "database", "stream"] as const;
export type Component = (typeof COMPONENTS)[number];

export const COMPONENT_LABELS: Record<Component, string> = {
  web: "Web",
  realtime: "Realtime",
  ingest: "Ingest",
  database: "Database",
  stream: "Cisco Spaces stream",
};

export type Status = "up" | "degraded" | "down";

export interface ComponentCheck {
  component: Component;
  status: Status;
  /** Why it is not up (or a short fact when it is); public, so never a secret or a tenant name. */
  detail: string | null;
}

/** One ingest worker as the health checks see it (the worker's status() has this shape). */
export interface IngestSnapshot {
  activationId: string;
  /** starting | connecting | connected | retrying | unauthorized | paused | stopped */
  state: string;
  /** Local clock (epoch ms) of the last bytes read from the Firehose; keep-alives count. */
  lastReceivedAt: number | null;
  /** recordTimestamp (epoch ms) of the newest event applied. */
  lastRecordTimestamp: number | null;
}

/** What server.ts hands the health checks, the monitoring reporter and the metrics. */
export interface HealthSources {
  db: Db;
  ingest(): IngestSnapshot[];
  realtime(): { clients: number; maxBufferedBytes?: number };
}

const rank: Record<Status, number> = { up: 0, degraded: 1, down: 2 };

export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = "up";
  for (const s of statuses) if (rank[s] > rank[worst]) worst = s;
  return worst;
}

export function isStatus(s: string): s is Status {
  return s === "up" || s === "degraded" || s === "down";
}

export function isComponent(s: string): s is Component {
  return (COMPONENTS as readonly string[]).includes(s);
}
