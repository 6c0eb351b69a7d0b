import { z } from "zod";
import type { Db } from "@/lib/store/db";
import type { ListActivations, MonitoredActivation } from "./activations";

// Cisco's own view of our stream, from the Healthcheck Info API (GET /api/partners/v1/firehose/health),
// so an operator sees when Cisco thinks no consumer is connected. Shared by every caller through one
// cache on globalThis (Next bundles the page apart from server.ts), so a busy public status page
// asks Cisco at most once a minute.

type Fetch = typeof fetch;

const healthInfo = z.object({
  timestamp: z.union([z.number(), z.string()]).nullish(),
  // Entries are not documented beyond an empty sample array: count them, read nothing else.
  activeConnections: z.array(z.unknown()).catch([]),
  protocolVersion: z.string().nullish(),
  appActivations: z.array(z.unknown()).catch([]),
});

export type CiscoView =
  | {
      activationId: string;
      ok: true;
      activeConnections: number;
      appActivations: number;
      protocolVersion: string | null;
      checkedAt: number;
    }
  | { activationId: string; ok: false; error: string; checkedAt: number };

export const CISCO_VIEW_TTL_MS = 60_000;
const TIMEOUT_MS = 5_000;

export async function fetchCiscoView(a: MonitoredActivation, fetchImpl: Fetch, now: number): Promise<CiscoView> {
  const url = new URL("/api/partners/v1/firehose/health", a.baseUrl);
  url.searchParams.set("partnerTenantId", a.partnerTenantId);
  try {
    const res = await fetchImpl(url, {
      headers: { "x-api-key": a.apiKey, Accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return { activationId: a.id, ok: false, error: `Cisco Spaces answered HTTP ${res.status}`, checkedAt: now };
    }
    const parsed = healthInfo.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      return { activationId: a.id, ok: false, error: "Cisco Spaces sent an unexpected answer", checkedAt: now };
    return {
      activationId: a.id,
      ok: true,
      activeConnections: parsed.data.activeConnections.length,
      appActivations: parsed.data.appActivations.length,
      protocolVersion: parsed.data.protocolVersion || null,
      checkedAt: now,
    };
  } catch (e) {
    const timedOut = (e as Error).name === "TimeoutError";
    return {
      activationId: a.id,
      ok: false,
      error: timedOut ? "Cisco Spaces did not answer in time" : "Cisco Spaces could not be reached",
      checkedAt: now,
    };
  }
}

interface Cache {
  at: number;
  views: CiscoView[];
  pending: Promise<CiscoView[]> | null;
}
const KEY = Symbol.for("floorpulse.ciscoView");
const holder = globalThis as { [KEY]?: Cache };

/**
 * Cisco's view for every active activation, at most `ttlMs` old, one request round in flight at a
 * time. Once something is cached, a stale view is returned at once while a fresh one is fetched, so
 * the public page never waits on Cisco after its first render.
 */
export async function getCiscoViews(
  db: Db,
  o: { fetch?: Fetch; now?: () => number; ttlMs?: number; activations: ListActivations },
): Promise<CiscoView[]> {
  const now = o.now ?? Date.now;
  const cache = (holder[KEY] ??= { at: -Infinity, views: [], pending: null });
  if (now() - cache.at < (o.ttlMs ?? CISCO_VIEW_TTL_MS)) return cache.views;
  cache.pending ??= (async () => {
    try {
      const activations = await o.activations();
      const views = await Promise.all(activations.map((a) => fetchCiscoView(a, o.fetch ?? fetch, now())));
      cache.views = views;
      cache.at = now();
      return views;
    } finally {
      cache.pending = null;
    }
  })();
  if (cache.at === -Infinity) return cache.pending;
  cache.pending.catch(() => {}); // a failed refresh keeps the last view; the next call tries again
  return cache.views;
}

/** Forgets the cached view (tests, and after an activation changes). */
export function clearCiscoViews(): void {
  delete holder[KEY];
}
