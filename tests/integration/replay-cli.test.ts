import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createDb } from "@/lib/store/db";
import { freePort, removeDir, ROOT, startProcess, tempDir, type Proc } from "../helpers/app-server";
import { simulatorApiKey } from "../helpers/clean-run";
import { readStream } from "../helpers/stream-reader";

// A Trace Firehose download is a file of the same NDJSON lines; take 90 s of the simulator's stream.
async function download(simUrl: string, from: number, until: number): Promise<string[]> {
  // NaN for a line without one: never past `until`, never kept.
  const stamp = (line = "") => Number(/"recordTimestamp":(\d+)/.exec(line)?.[1]);
  const { lines } = await readStream(simUrl, await simulatorApiKey(simUrl), {
    from,
    until: (read) => stamp(read.at(-1)) >= until,
    maxMs: 120_000,
  });
  return lines.filter((l) => l.trim() && !l.includes('"KEEP_ALIVE"') && stamp(l) < until);
}

function replay(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/replay.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run replay", () => {
  let sim: Proc;
  const dir = tempDir();
  let lines: string[];

  beforeAll(async () => {
    sim = await startProcess(
      ["simulator/cli.ts", "--port", String(await freePort()), "--seed", "3"],
      {},
      /listening on (http:\/\/\S+)/,
    );
    const until = Math.floor(Date.now() / 1000) * 1000 - 5_000;
    lines = await download(sim.ready, until - 90_000, until);
  });
  afterAll(async () => {
    await sim?.stop("SIGKILL");
    removeDir(dir);
  });

  it("reads a gzip download in memory and reports what it read, skipping bad lines", () => {
    const file = join(dir, "trace.ndjson.gz");
    // A repeated record, a broken line and an unknown type, as a real download may hold.
    const withNoise = [
      ...lines.slice(0, 10),
      lines[3]!,
      "{broken",
      JSON.stringify({ recordUid: "x", recordTimestamp: 1, eventType: "FUTURE_THING" }),
      ...lines.slice(10),
    ];
    writeFileSync(file, gzipSync(withNoise.join("\r\n")));
    const r = replay([file, "--dry-run"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
      lines: number;
      events: number;
      duplicates: number;
      malformed: number;
      unknown: number;
      byType: Record<string, number>;
      occupancy: Array<{ locationId: string; name: string; type: string; count: number; source: string | null }>;
    };
    expect(out.lines).toBe(withNoise.length);
    expect(out.duplicates).toBe(1);
    expect(out.malformed).toBe(1);
    expect(out.unknown).toBe(1);
    expect(out.events).toBe(lines.length);
    expect(out.byType.DEVICE_LOCATION_UPDATE).toBeGreaterThan(0);
    const floors = out.occupancy.filter((o) => o.type === "FLOOR");
    expect(floors.map((f) => f.name)).toEqual(expect.arrayContaining(["Floor 1", "Floor 2"]));
    expect(floors.some((f) => f.count > 0 && f.source)).toBe(true);
    // The campus has no count of its own: it shows the sum of its buildings, labelled as a roll-up.
    expect(out.occupancy.find((o) => o.type === "CAMPUS")).toMatchObject({
      source: "rollup",
      evidence: "Sum of 1 building",
    });
  });

  it("writes the minute history and locations into the configured database", async () => {
    const file = join(dir, "trace.txt");
    writeFileSync(file, lines.join("\n"));
    const url = `file:${join(dir, "replay.db")}`;
    const r = replay([file], { DATABASE_URL: url });
    expect(r.code).toBe(0);
    const db = createDb(url);
    try {
      expect(await db.location.count({ where: { type: "FLOOR" } })).toBeGreaterThanOrEqual(2);
      expect(await db.occupancySample.count({ where: { source: "shown" } })).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("fails with a clear message when the file cannot be read", () => {
    const r = replay([join(dir, "nope.ndjson"), "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read .*nope\.ndjson/);
  });
});
