import { decodeLine } from "@/lib/firehose/decode";
import { startFirehoseStream, type FirehoseStream } from "@/lib/firehose/stream";
import type { Logger } from "@/lib/log";
import { createEngine, type Engine } from "@/lib/occupancy/engine";
import { createRollup } from "@/lib/occupancy/rollup";
import type { Hub } from "@/lib/realtime/hub";
import { createSpacesClient } from "@/lib/spaces/client";
import type { ActiveActivation } from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import { readCheckpoint, writeIngestBatch } from "@/lib/store/ingest-batch";
import { upsertLocations } from "@/lib/store/locations";
import { bump, createCounters, type IngestCounters } from "./counters";
import { createMapFetcher } from "./maps";

// stream → decode → dedupe → engine; every flushMs the engine's changes go to the hub, and every
// persistMs the minute rollups and the checkpoint are written in one transaction. No I/O per event.

/** Resume this far before the checkpoint: Cisco may deliver partitions slightly out of order. */
export const RESUME_OVERLAP_MS = 30_000;
/** On the very first start, replay this much history so the floor is not empty. */
export const FIRST_START_REPLAY_MS = 5 * 60_000;

export interface IngestOptions {
  activation: ActiveActivation;
  db: Db;
  hub: Hub;
  log: Logger;
  flushMs?: number;
  persistMs?: number;
  now?: () => number;
}

export interface Ingest {
  engine: Engine;
  counters: IngestCounters;
  close(): Promise<void>;
}

export async function startIngest(o: IngestOptions): Promise<Ingest> {
  const log = o.log.child({ module: "ingest", activation: o.activation.id });
  const now = o.now ?? Date.now;
  const engine = createEngine();
  const rollup = createRollup();
  const counters = createCounters();
  const client = createSpacesClient(o.activation.baseUrl);
  const maps = createMapFetcher(client, o.activation.apiKey, o.activation.partnerTenantId, o.db, log);
  const checkpoint = await readCheckpoint(o.db, o.activation.id);
  // recordUid -> recordTimestamp of recently applied records; pruned to the resume overlap window.
  const seen = new Map<string, number>();
  let resumeFrom = checkpoint ? checkpoint.recordTimestamp - RESUME_OVERLAP_MS : now() - FIRST_START_REPLAY_MS;
  let writes: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    writes = writes.then(job).catch((e: unknown) => log.error({ err: (e as Error).message }, "store write failed"));
    return writes;
  };

  const skip = (reason: string, detail: string) => {
    if (bump(counters.skipped, reason) === 1) log.warn({ reason, detail }, "firehose line skipped (first of its kind; later ones are counted)");
    else log.debug({ reason, detail }, "firehose line skipped");
  };

  const onLine = (line: string) => {
    counters.lines++;
    const r = decodeLine(line);
    if (!r.ok) return skip(r.reason, r.detail);
    const e = r.event;
    if (e.type !== "KEEP_ALIVE" && e.partnerTenantId !== o.activation.partnerTenantId) return skip("wrong_tenant", e.partnerTenantId);
    if (seen.has(e.uid)) {
      counters.duplicates++;
      return;
    }
    if (e.type !== "KEEP_ALIVE") seen.set(e.uid, e.ts);
    engine.apply(e);
    bump(counters.applied, e.type);
  };

  const flush = () => {
    const changes = engine.drain();
    o.hub.publish(changes);
    for (const [id, occ] of Object.entries(changes.counts)) rollup.record(id, occ.count, occ.source, occ.at ?? engine.clock);
    if (changes.locations.length) {
      for (const l of changes.locations) maps.ensure(l.mapId);
      const locations = changes.locations;
      void enqueue(() => upsertLocations(o.db, o.activation.tenantId, locations));
    }
  };

  const persist = () => {
    const clock = engine.clock;
    if (!clock) return writes;
    resumeFrom = clock - RESUME_OVERLAP_MS;
    for (const [uid, ts] of seen) if (ts < resumeFrom) seen.delete(uid);
    const buckets = rollup.take(clock);
    return enqueue(() => writeIngestBatch(o.db, o.activation.id, buckets, clock, "{}"));
  };

  const flushTimer = setInterval(flush, o.flushMs ?? 100);
  const persistTimer = setInterval(() => void persist(), o.persistMs ?? 2_000);

  const stream: FirehoseStream = startFirehoseStream({
    baseUrl: o.activation.baseUrl,
    apiKey: o.activation.apiKey,
    fromTimestamp: () => resumeFrom,
    onLine,
    onOversized: () => skip("oversized", "line longer than 1 MiB"),
    onStatus: (s) => {
      const detail = "reason" in s ? `${s.reason}; retrying in ${Math.round(s.inMs / 1000)} s` : null;
      o.hub.setIngest({ state: s.state, detail });
      if (s.state === "connected") log.info({ fromTimestamp: resumeFrom }, "firehose connected");
    },
    log,
  });

  log.info({ resumeFrom: new Date(resumeFrom).toISOString(), checkpoint: Boolean(checkpoint) }, "ingest started");

  return {
    engine,
    counters,
    async close() {
      await stream.close();
      clearInterval(flushTimer);
      clearInterval(persistTimer);
      flush();
      await persist();
      o.hub.setIngest({ state: "stopped", detail: null });
      log.info({ counters }, "ingest stopped");
    },
  };
}
