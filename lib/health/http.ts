import { streamFreshness } from "./checks";
import { worstStatus, type ComponentCheck, type IngestSnapshot, type Status } from "./types";

// The bodies and status codes of the two URLs Cisco Spaces polls. Pure: route handlers only
// gather the inputs and send what these return.

export interface HealthResponse<T> {
  httpStatus: 200 | 503;
  body: T;
}

export interface AppHealthBody {
  status: Status;
  checkedAt: string;
  components: Array<{ name: string; status: Status; detail: string | null }>;
}

/** App Health Check URL: the app is healthy when web, realtime, ingest and database are not down. */
const APP_COMPONENTS = new Set(["web", "realtime", "ingest", "database"]);

export function appHealth(checks: ComponentCheck[], now: number): HealthResponse<AppHealthBody> {
  const mine = checks.filter((c) => APP_COMPONENTS.has(c.component));
  const status = worstStatus(mine.map((c) => c.status));
  return {
    httpStatus: status === "down" ? 503 : 200,
    body: {
      status,
      checkedAt: new Date(now).toISOString(),
      components: mine.map((c) => ({ name: c.component, status: c.status, detail: c.detail })),
    },
  };
}

export interface FirehoseHealthBody {
  status: "up" | "down";
  checkedAt: string;
  detail: string | null;
  activations: Array<{
    activationId: string;
    state: string;
    lastReceived: number | null;
    lastRecordTimestamp: number | null;
  }>;
}

/** API Health Status URL: up only when every active activation received data within the minute. */
export function firehoseHealth(snaps: IngestSnapshot[], now: number): HealthResponse<FirehoseHealthBody> {
  const fresh = streamFreshness(snaps, now);
  const up = snaps.length > 0 && fresh.every((f) => f.fresh);
  const stale = fresh.filter((f) => !f.fresh).length;
  return {
    httpStatus: up ? 200 : 503,
    body: {
      status: up ? "up" : "down",
      checkedAt: new Date(now).toISOString(),
      detail: !snaps.length
        ? "no active activation"
        : up
          ? null
          : `${stale} of ${snaps.length} activations received no data in the last 60 s`,
      activations: snaps.map((s) => ({
        activationId: s.activationId,
        state: s.state,
        lastReceived: s.lastReceivedAt,
        lastRecordTimestamp: s.lastRecordTimestamp,
      })),
    },
  };
}
