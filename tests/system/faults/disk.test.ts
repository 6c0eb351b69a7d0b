import { chmodSync, chownSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRig, expectSameAsClean, until, untilIngestPaused, untilStreaming, type Rig } from "./harness";

// The data directory turns read-only under a running server (a full or remounted disk, a wrong
// permission after a restore). SQLite cannot create its rollback journal there, so every write
// fails: ingest must say so clearly, pause (nothing read from Cisco is dropped), report it in
// health, leave the database intact, and catch up once the directory is writable again.
//
// How the fault is made honest: permissions do not stop root, and these tests may run as root
// (containers, CI images). Then the server runs as the unprivileged user `nobody` (uid 65534),
// owning its data directory, so a chmod of the directory really refuses its writes; as any other
// user the server simply runs as that user. A read-only bind mount would be truer still, but needs
// privileges (CAP_SYS_ADMIN) a test cannot count on.

type Health = { status: string; components: Array<{ name: string; status: string; detail: string | null }> };
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe("faults: the disk refuses writes", () => {
  let rig: Rig;
  const component = async (name: string) =>
    ((await (await fetch(`${rig.app!.ready}/api/health`)).json()) as Health).components.find((c) => c.name === name);

  beforeAll(async () => {
    rig = await createRig({ seed: 41, speed: 4, people: 120 });
    if (asRoot) chownSync(rig.dir, NOBODY, NOBODY);
    await rig.start({}, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    await untilStreaming(rig);
  });
  afterAll(async () => {
    chmodSync(rig.dir, 0o755);
    await rig?.close();
  });

  it("pauses ingest with a clear error while the data directory is read-only, keeps the database intact, and catches up after", async () => {
    chmodSync(rig.dir, 0o555);
    let frozen: number;
    try {
      const logged = await rig.app!.waitFor(
        /"level":50[^\n]*"err":"([^"]*)"[^\n]*database write failed: ingest paused until it succeeds/,
        60_000,
      );
      expect(logged[1]).not.toBe("");
      // The checkpoint as the first failed write left it; writes are retried every 2 s from here on.
      frozen = await rig.checkpoint();
      const ingest = await untilIngestPaused(component);
      expect(ingest?.detail).toMatch(/database/);
      // Nothing half-written: the stored checkpoint did not move while writes failed...
      expect(await rig.checkpoint()).toBe(frozen);
    } finally {
      chmodSync(rig.dir, 0o755);
    }
    await rig.app!.waitFor(/database writable again: ingest resumes/, 60_000);
    // ...although there was newer state to write: the first write that succeeds moves it.
    expect(await rig.checkpoint()).toBeGreaterThan(frozen);
    await until(
      "ingest up again",
      () => component("ingest"),
      (c) => c?.status === "up",
      60_000,
    );
    const integrity = await rig.db.$queryRawUnsafe<Array<{ integrity_check: string }>>("PRAGMA integrity_check");
    expect(integrity).toEqual([{ integrity_check: "ok" }]);
    await rig.checkpointPast(await rig.checkpoint(), 20_000);
    await expectSameAsClean(rig);
  }, 180_000);
});
