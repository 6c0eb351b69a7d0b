import type { ComponentCheck, IngestSnapshot, Status } from "./types";
import { worstStatus } from "./types";

// Pure verdicts from what the server reports; the clock is passed in.

/** The API Health Status URL's rule: data (keep-alives count) within the last minute. */
export const STREAM_FRESH_MS = 60_000;
/** A database answering `SELECT 1` slower than this is degraded. */
export const DB_SLOW_MS = 1_000;

const INGEST_STATES: Record<string, { status: Status; text: string }> = {
  connected: { status: "up", text: "connected" },
  starting: { status: "degraded", text: "starting" },
  connecting: { status: "degraded", text: "connecting to Cisco Spaces" },
  retrying: { status: "degraded", text: "reconnecting to Cisco Spaces" },
  paused: { status: "degraded", text: "paused while the database is unavailable" },
  unauthorized: { status: "down", text: "Cisco Spaces refused the API key" },
  stopped: { status: "down", text: "stopped" },
};

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/** "2 of 3 activations reconnecting" when there are several, the bare reason when there is one. */
function summarise(total: number, groups: Map<string, number>): string {
  return [...groups].map(([text, n]) => (total === 1 ? text : `${n} of ${total} activations ${text}`)).join("; ");
}

export function checkIngest(snaps: IngestSnapshot[]): ComponentCheck {
  if (!snaps.length) return { component: "ingest", status: "degraded", detail: "no active activation" };
  const verdicts = snaps.map((s) => INGEST_STATES[s.state] ?? { status: "degraded" as const, text: s.state });
  const status = worstStatus(verdicts.map((v) => v.status));
  if (status === "up")
    return {
      component: "ingest",
      status,
      detail: snaps.length === 1 ? "connected" : `${snaps.length} activations connected`,
    };
  const groups = new Map<string, number>();
  for (const v of verdicts) if (v.status !== "up") groups.set(v.text, (groups.get(v.text) ?? 0) + 1);
  return { component: "ingest", status, detail: summarise(snaps.length, groups) };
}

export interface StreamActivation {
  activationId: string;
  fresh: boolean;
  lastReceived: number | null;
  ageMs: number | null;
}

export function streamFreshness(snaps: IngestSnapshot[], now: number, freshMs = STREAM_FRESH_MS): StreamActivation[] {
  return snaps.map((s) => {
    const ageMs = s.lastReceivedAt === null ? null : Math.max(0, now - s.lastReceivedAt);
    return {
      activationId: s.activationId,
      fresh: ageMs !== null && ageMs <= freshMs,
      lastReceived: s.lastReceivedAt,
      ageMs,
    };
  });
}

export function checkStream(snaps: IngestSnapshot[], now: number, freshMs = STREAM_FRESH_MS): ComponentCheck {
  if (!snaps.length) return { component: "stream", status: "down", detail: "no active activation" };
  const acts = streamFreshness(snaps, now, freshMs);
  const stale = acts.filter((a) => !a.fresh);
  if (!stale.length) {
    const oldest = Math.max(...acts.map((a) => a.ageMs ?? 0));
    return { component: "stream", status: "up", detail: `data received ${formatAge(oldest)} ago` };
  }
  const ages = stale.map((a) => a.ageMs).filter((a): a is number => a !== null);
  const silence = ages.length ? `no data for ${formatAge(Math.max(...ages))}` : "no data received yet";
  if (stale.length === acts.length) return { component: "stream", status: "down", detail: silence };
  return {
    component: "stream",
    status: "degraded",
    detail: `${stale.length} of ${acts.length} activations: ${silence}`,
  };
}

export type DbProbe = { ok: true; ms: number } | { ok: false; error: string };

export function checkDatabase(probe: DbProbe): ComponentCheck {
  if (!probe.ok) return { component: "database", status: "down", detail: probe.error };
  if (probe.ms > DB_SLOW_MS)
    return { component: "database", status: "degraded", detail: `slow: answered in ${Math.round(probe.ms)} ms` };
  return { component: "database", status: "up", detail: null };
}

export function checkRealtime(read: () => { clients: number }): ComponentCheck {
  try {
    const { clients } = read();
    return {
      component: "realtime",
      status: "up",
      detail: `${clients} connected ${clients === 1 ? "client" : "clients"}`,
    };
  } catch {
    return { component: "realtime", status: "down", detail: "Socket.IO server unavailable" };
  }
}

/** The process answering is the web tier; a minute with no check recorded is when it was not. */
export function checkWeb(): ComponentCheck {
  return { component: "web", status: "up", detail: null };
}
