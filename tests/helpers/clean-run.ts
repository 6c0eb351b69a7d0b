import { createPipeline } from "@/lib/ingest/pipeline";
import { createLineSplitter } from "@/lib/firehose/ndjson";
import type { Bucket } from "@/lib/occupancy/rollup";
import type { Db } from "@/lib/store/db";

/**
 * The reference every fault test compares with: the simulator's records from `from` until `until`,
 * read over HTTP in one clean pass through the same pipeline, with nothing lost or repeated.
 */
export async function cleanRun(o: {
  simUrl: string;
  apiKey: string;
  partnerTenantId: string;
  from: number;
  until: number;
}) {
  const pipeline = createPipeline({ partnerTenantId: o.partnerTenantId });
  const controller = new AbortController();
  const res = await fetch(`${o.simUrl}/api/partners/v1/firehose/events?fromTimestamp=${o.from}`, {
    headers: { "X-API-KEY": o.apiKey },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`clean stream: HTTP ${res.status}`);
  let done = false;
  const splitter = createLineSplitter(
    (line) => {
      if (done) return;
      const ts = Number(/"recordTimestamp":(\d+)/.exec(line)?.[1] ?? 0);
      if (ts >= o.until && !line.includes('"KEEP_ALIVE"')) {
        done = true;
        return;
      }
      pipeline.accept(line);
    },
    () => {},
  );
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  while (!done) {
    const { value, done: end } = await reader.read();
    if (end) break;
    splitter.push(decoder.decode(value, { stream: true }));
  }
  controller.abort();
  pipeline.settle();
  pipeline.drain();
  return { pipeline, buckets: pipeline.checkpoint().buckets };
}

/** Mints an activation token from the simulator and trades it for an API key of our own. */
export async function simulatorApiKey(simUrl: string): Promise<string> {
  const { token } = (await (
    await fetch(`${simUrl}/admin/tokens/activation`, { method: "POST", body: "{}" })
  ).json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
    appId: string;
    activationRefId: string;
  };
  const res = await fetch(`${simUrl}/client/v1/partner/activateSingleTenantCloudApp`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ appId: claims.appId, activationRefId: claims.activationRefId }),
  });
  const body = (await res.json()) as { data: { apiKey: string } };
  return body.data.apiKey;
}

/** "shown" minute rollups in a database, keyed like the clean run's, for minutes in [fromMinute, toMinute). */
export async function storedBuckets(db: Db, fromMinute: number, toMinute: number): Promise<Map<string, string>> {
  const rows = await db.occupancySample.findMany({
    where: { bucket: { gte: new Date(fromMinute), lt: new Date(toMinute) } },
  });
  return new Map(
    rows.map((r) => [
      `${r.locationId}|${r.source}|${r.bucket.getTime()}`,
      fingerprint(r.min, r.max, r.last, r.sum, r.seconds),
    ]),
  );
}

export function bucketMap(buckets: Bucket[], fromMinute: number, toMinute: number): Map<string, string> {
  return new Map(
    buckets
      .filter((b) => b.bucket >= fromMinute && b.bucket < toMinute)
      .map((b) => [`${b.locationId}|${b.series}|${b.bucket}`, fingerprint(b.min, b.max, b.last, b.sum, b.seconds)]),
  );
}

const fingerprint = (min: number, max: number, last: number, sum: number, seconds: number) =>
  `${min}/${max}/${last}/${sum.toFixed(3)}/${seconds.toFixed(3)}`;

export const minuteOf = (ms: number) => ms - (ms % 60_000);

/** Where two bucket maps disagree, readably: empty when they are equal. */
export function bucketDiff(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of expected) {
    const a = actual.get(k);
    if (a === undefined) out.push(`missing ${k} (expected ${v})`);
    else if (a !== v) out.push(`differs ${k}: got ${a}, expected ${v}`);
  }
  for (const k of actual.keys()) if (!expected.has(k)) out.push(`unexpected ${k} = ${actual.get(k)}`);
  return out.sort();
}

/**
 * The minute rollups stored in `db` against a clean pass over the simulator's records from `from` to
 * `until` (a checkpoint's record timestamp, included): where they differ, and how many buckets the
 * clean pass holds (a comparison of nothing proves nothing).
 */
export async function compareWithCleanRun(
  db: Db,
  o: { simUrl: string; partnerTenantId: string; from: number; until: number },
): Promise<{ diff: string[]; compared: number }> {
  const clean = await cleanRun({
    simUrl: o.simUrl,
    apiKey: await simulatorApiKey(o.simUrl),
    partnerTenantId: o.partnerTenantId,
    from: o.from,
    until: o.until + 1,
  });
  const [lo, hi] = [minuteOf(o.from), minuteOf(o.until)];
  const expected = bucketMap(clean.buckets, lo, hi);
  return { diff: bucketDiff(await storedBuckets(db, lo, hi), expected), compared: expected.size };
}
