import { decodeLine, type DecodeResult } from "@/lib/firehose/decode";
import { startFirehoseStream, type FirehoseStream } from "@/lib/firehose/stream";
import type { Logger } from "@/lib/log";
import type { Metrics } from "@/lib/metrics/metrics";
import { readClock } from "@/lib/time/read-clock";
import type { IngestStatusReport, TenantIngest } from "./tenant-ingest";

// One Firehose consumer per API key. "A single channel can carry information from multiple tenant
// accounts" (Cisco Spaces Firehose, getting started): a multi-tenant app's partner key carries every
// customer who activated it, a token activation's key carries one. Each record goes to the tenant it
// names (partnerTenantId, else spacesTenantId); KEEP_ALIVE goes to all. Records of a tenant with no
// activation here wait briefly (an OAuth activation finishing on another node reaches us within
// seconds) and are then dropped and counted: never shown, never stored.

/** How long records of a tenant not (yet) activated here wait for its activation. */
export const UNROUTED_HOLD_MS = 30_000;
/** At most this many such records are held per tenant (the oldest are dropped first). */
export const UNROUTED_HOLD_LINES = 20_000;
/** Reason under which records of tenants that are not activated are counted. */
export const NOT_ACTIVATED = "tenant_not_activated";

export interface KeyStreamOptions {
  baseUrl: string;
  apiKey: string;
  /** The tenants on this key when it starts (the first connect resumes from their checkpoints). */
  initial: TenantIngest[];
  log: Logger;
  metrics?: Metrics;
  /**
   * A customer's own key (the getting-started path) names no account up front: its one tenant takes
   * the partnerTenantId of the first record. Called once with it.
   */
  adopt?: (partnerTenantId: string, spacesTenantId: string) => void;
  /**
   * A key refused without a break for this long needs attention: its tenants are told so. It is not
   * deactivated (Cisco refuses keys during its own outages too): only APP_DE_ACTIVATION or a deleted
   * activation deactivates. Retries go on at the unauthorized pace.
   */
  attentionAfterMs?: number;
  idleMs: number;
  unauthorizedRetryMs: number;
  backoffMaxMs: number;
  now?: () => number;
}

export interface KeyStream {
  readonly key: string;
  add(t: TenantIngest): void;
  /** Stops routing to a tenant; its ingest is closed by the caller. */
  remove(activationId: string): void;
  tenants(): TenantIngest[];
  status(): IngestStatusReport["state"];
  close(): Promise<void>;
}

interface Held {
  spacesTenantId: string;
  /** Arrival time, record and its read time (readClock), oldest first. */
  records: Array<{ at: number; r: DecodeResult; readAt: number }>;
}

export function startKeyStream(o: KeyStreamOptions): KeyStream {
  const log = o.log.child({ module: "key-stream", baseUrl: o.baseUrl });
  const now = o.now ?? Date.now;
  const routes = new Map<string, TenantIngest>(); // by activation id
  const byPartner = new Map<string, TenantIngest>();
  const bySpaces = new Map<string, TenantIngest>();
  const held = new Map<string, Held>(); // by partnerTenantId (or spacesTenantId when it is all there is)
  const reportedUnknown = new Set<string>();
  const reportedSkips = new Set<string>();
  let adoptPending = Boolean(o.adopt);
  let state: IngestStatusReport["state"] = "starting";
  let refusedSince: number | null = null;
  let attention = false;
  /** When the chunk being split was read: every line in it was read at that moment. */
  let readAt = readClock();

  const drop = (tenant: string, n: number) => {
    o.metrics?.lineSkipped(NOT_ACTIVATED, n);
    if (!reportedUnknown.has(tenant)) {
      reportedUnknown.add(tenant);
      log.info(
        { tenant, reason: NOT_ACTIVATED },
        "records of a tenant not activated here are dropped (counted, never stored)",
      );
    }
  };

  const skip = (reason: string, detail: string) => {
    o.metrics?.lineSkipped(reason);
    if (!reportedSkips.has(reason))
      log.warn({ reason, detail }, "firehose line skipped (first of its kind; later ones are counted)");
    reportedSkips.add(reason);
  };

  const expire = () => {
    const cutoff = now() - UNROUTED_HOLD_MS;
    for (const [tenant, h] of held) {
      let n = 0;
      while (n < h.records.length && h.records[n]!.at < cutoff) n++;
      if (!n) continue;
      h.records.splice(0, n);
      drop(tenant, n);
      if (!h.records.length) held.delete(tenant);
    }
  };
  const expiry = setInterval(expire, 5_000);
  expiry.unref();

  const index = (t: TenantIngest) => {
    byPartner.set(t.activation.partnerTenantId, t);
    const spaces = t.activation.spacesTenantId;
    if (spaces) bySpaces.set(spaces, t);
  };

  const route = (r: DecodeResult): void => {
    // A malformed line names no tenant for sure: counted once, for the stream.
    if (!r.ok) return skip(r.reason, r.detail);
    const e = r.event;
    if (e.type === "KEEP_ALIVE") {
      for (const t of routes.values()) t.accept(r, readAt);
      return;
    }
    const partner =
      e.type === "APP_ACTIVATION" || e.type === "APP_DE_ACTIVATION"
        ? e.tenant.partnerTenantId || e.partnerTenantId
        : e.partnerTenantId;
    const spaces =
      e.type === "APP_ACTIVATION" || e.type === "APP_DE_ACTIVATION"
        ? e.tenant.spacesTenantId || e.spacesTenantId
        : e.spacesTenantId;
    if (adoptPending && partner && routes.size === 1) {
      const only = routes.values().next().value!;
      adoptPending = false;
      log.info({ partnerTenantId: partner }, "own API key: its account's partnerTenantId learnt from the stream");
      byPartner.delete(only.activation.partnerTenantId);
      only.activation.partnerTenantId = partner;
      only.activation.spacesTenantId = spaces || null;
      index(only);
      o.adopt?.(partner, spaces);
    }
    // partnerTenantId is our account id: a record naming another one is not this tenant's, whatever its
    // spacesTenantId (a sandbox tenant's records from before it was linked to us). Only a record without
    // one is matched by spacesTenantId.
    const target = partner ? byPartner.get(partner) : spaces ? bySpaces.get(spaces) : undefined;
    if (target && !target.deactivated) {
      if (spaces && !target.activation.spacesTenantId) {
        target.activation.spacesTenantId = spaces;
        bySpaces.set(spaces, target);
      }
      target.accept(r, readAt);
      return;
    }
    const tenant = partner || spaces || "(none)";
    if (target || !partner) return drop(tenant, 1); // deactivated here, or a record naming no tenant
    let h = held.get(partner);
    if (!h) held.set(partner, (h = { spacesTenantId: spaces, records: [] }));
    h.records.push({ at: now(), r, readAt });
    if (h.records.length > UNROUTED_HOLD_LINES) {
      h.records.shift();
      drop(tenant, 1);
    }
  };

  for (const t of o.initial) {
    routes.set(t.activationId, t);
    index(t);
  }
  const stream: FirehoseStream = startFirehoseStream({
    baseUrl: o.baseUrl,
    apiKey: o.apiKey,
    // The earliest point any tenant on this key needs; the others drop the overlap as duplicates.
    fromTimestamp: () => {
      let from: number | undefined;
      for (const t of routes.values()) from = from === undefined ? t.resumeFrom() : Math.min(from, t.resumeFrom());
      return from;
    },
    idleMs: o.idleMs,
    unauthorizedRetryMs: o.unauthorizedRetryMs,
    backoffMaxMs: o.backoffMaxMs,
    onLine: (line) => route(decodeLine(line)),
    onChunk: () => {
      readAt = readClock();
      let waits: Promise<void>[] | null = null;
      for (const t of routes.values()) {
        const w = t.chunk();
        if (w) (waits ??= []).push(w);
      }
      return waits ? Promise.all(waits).then(() => undefined) : undefined;
    },
    onOversized: () => skip("oversized", "line longer than 1 MiB"),
    onStatus: (s) => {
      state = s.state;
      if (s.state === "retrying" || s.state === "unauthorized") o.metrics?.reconnect(s.state);
      if (s.state === "connected")
        log.info({ tenants: routes.size, fromTimestamp: s.fromTimestamp }, "firehose connected");
      for (const t of routes.values()) t.streamStatus(s);
      if (s.state === "unauthorized") {
        refusedSince ??= now();
        if (!attention && o.attentionAfterMs !== undefined && now() - refusedSince >= o.attentionAfterMs) {
          attention = true;
          const since = new Date(refusedSince).toISOString();
          log.warn({ since }, "the API key has been refused for a long time: the activation needs attention");
          for (const t of routes.values())
            t.needsAttention(
              `Cisco Spaces has refused the API key since ${since}. Check that Floorpulse is still activated for this account in Cisco Spaces; Floorpulse keeps retrying every ${Math.round(s.inMs / 1000)} s.`,
            );
        }
      } else if (s.state === "connected") {
        refusedSince = null;
        attention = false;
      }
    },
    log,
  });

  return {
    key: `${o.baseUrl}|${o.apiKey}`,
    add(t) {
      routes.set(t.activationId, t);
      index(t);
      // Records that arrived before this activation reached us go first, in the order they came.
      const waiting =
        held.get(t.activation.partnerTenantId) ??
        [...held.entries()].find(([, h]) => h.spacesTenantId && h.spacesTenantId === t.activation.spacesTenantId)?.[1];
      if (waiting) {
        for (const [k, h] of held) if (h === waiting) held.delete(k);
        for (const w of waiting.records) t.accept(w.r, w.readAt);
      }
      if (state === "connected") t.streamStatus({ state: "connected", fromTimestamp: undefined });
    },
    remove(activationId) {
      const t = routes.get(activationId);
      if (!t) return;
      routes.delete(activationId);
      if (byPartner.get(t.activation.partnerTenantId) === t) byPartner.delete(t.activation.partnerTenantId);
      if (t.activation.spacesTenantId && bySpaces.get(t.activation.spacesTenantId) === t)
        bySpaces.delete(t.activation.spacesTenantId);
    },
    tenants: () => [...routes.values()],
    status: () => state,
    async close() {
      clearInterval(expiry);
      await stream.close();
      for (const [tenant, h] of held) drop(tenant, h.records.length);
      held.clear();
    },
  };
}
