import type { Logger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import type { ListActivations } from "./activations";
import { streamFreshness, type StreamActivation } from "./checks";
import { getCiscoViews, type CiscoView } from "./cisco-view";
import { floorMinute, MINUTE, summariseHistory, windowStart, type StatusHistory } from "./days";
import { readHistory } from "@/lib/store/health-checks";
import { readIngest, runChecks } from "./run-checks";
import { COMPONENTS, type ComponentCheck, type HealthSources } from "./types";

// Everything the public status page shows, gathered in one place so the page only renders.

export const STATUS_DAYS = 7;

export interface StatusPageData {
  generatedAt: number;
  history: StatusHistory;
  /** The components now: checked live when the server provides its sources, else the last recorded minute. */
  current: { source: "live" | "recorded"; at: number; checks: ComponentCheck[] } | null;
  /** Our view of each activation's stream, in the same order as Cisco's. */
  ours: Array<StreamActivation & { state: string }>;
  cisco: CiscoView[];
}

export interface LoadStatusPageOptions {
  db: Db;
  sources?: HealthSources;
  now: number;
  log?: Logger;
  fetch?: typeof fetch;
  /** From an allowlist-checked read (lib/health/activations activationsFromDb). */
  activations: ListActivations;
}

export async function loadStatusPage(o: LoadStatusPageOptions): Promise<StatusPageData> {
  const since = windowStart(o.now, STATUS_DAYS);
  const [history, live, cisco] = await Promise.all([
    readHistory(o.db, since).then((h) => summariseHistory(h, o.now, STATUS_DAYS)),
    o.sources ? runChecks(o.sources, o.now, o.log) : Promise.resolve(null),
    getCiscoViews(o.db, { fetch: o.fetch, activations: o.activations }).catch((e: unknown): CiscoView[] => {
      o.log?.warn({ err: (e as Error).message }, "could not ask Cisco Spaces for its view of the stream");
      return [];
    }),
  ]);
  const snaps = o.sources ? (readIngest(o.sources) ?? []) : [];
  const ours = streamFreshness(snaps, o.now).map((f, i) => ({ ...f, state: snaps[i]!.state }));
  // Cisco's view follows the activations table; ours follows the ingest workers: line them up by id.
  const order = new Map(cisco.map((c, i) => [c.activationId, i]));
  ours.sort((a, b) => (order.get(a.activationId) ?? Infinity) - (order.get(b.activationId) ?? Infinity));

  let current: StatusPageData["current"] = null;
  if (live) current = { source: "live", at: o.now, checks: live };
  else if (history.lastCheckAt !== null && o.now - history.lastCheckAt <= 3 * MINUTE) {
    current = { source: "recorded", at: history.lastCheckAt, checks: recordedChecks(history, history.lastCheckAt) };
  }
  return { generatedAt: o.now, history, current, ours, cisco };
}

/** The components as of one recorded minute, rebuilt from the incidents that cover it. */
function recordedChecks(history: StatusHistory, minute: number): ComponentCheck[] {
  const m = floorMinute(minute);
  return COMPONENTS.map((component) => {
    const i = history.incidents.find((x) => x.component === component && x.from <= m && x.to > m);
    return i ? { component, status: i.status, detail: i.detail } : { component, status: "up", detail: null };
  });
}
