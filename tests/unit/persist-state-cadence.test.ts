import { describe, expect, it } from "vitest";
import { createPersister, STATE_COST_SHARE } from "@/lib/ingest/persist";
import { createPipeline } from "@/lib/ingest/pipeline";
import { createLogger } from "@/lib/log";
import type { Db } from "@/lib/store/db";
import { readCheckpoint } from "@/lib/store/ingest-batch";
import { seedTenantAndActivation } from "../helpers/seed";
import { useTempSqliteDatabase } from "../helpers/sqlite";
import { located } from "./engine-events";

// The engine state of a large campus costs about a second to store: it is stored at most every
// 1 / STATE_COST_SHARE × that cost, and at shutdown whatever the cost; the rollups go with every write.

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const WRITE_MS = 1_000;

describe("how often the engine state is stored", () => {
  const temp = useTempSqliteDatabase();

  it("skips the state while it is not due, stores it when due, and always on the final write", async () => {
    await seedTenantAndActivation(temp.db);
    const clock = { t: 0 };
    // A database that takes WRITE_MS per write, on the persister's own clock.
    const slow = new Proxy(temp.db, {
      get(target, key, receiver) {
        if (key !== "$transaction") return Reflect.get(target, key, receiver);
        return (...args: Parameters<Db["$transaction"]>) => {
          clock.t += WRITE_MS;
          return target.$transaction(...args);
        };
      },
    });
    const pipeline = createPipeline({ partnerTenantId: null });
    const persister = createPersister({
      db: slow,
      activationId: "a1",
      tenantId: "t1",
      pipeline,
      log: createLogger("silent"),
      positionRetentionMs: 86_400_000,
      now: () => clock.t,
    });
    const applyAt = (ts: number) => {
      pipeline.acceptDecoded({ ok: true, event: located("d1", "z1", ts) });
      pipeline.settle();
    };
    const stored = async () => (await readCheckpoint(temp.db, "a1"))?.recordTimestamp;

    applyAt(T0);
    await persister.persist(); // the first write always holds the state
    expect(await stored()).toBe(T0);

    const due = WRITE_MS + WRITE_MS / STATE_COST_SHARE;
    clock.t = due - 2_000;
    applyAt(T0 + 5_000);
    await persister.persist();
    expect(await stored()).toBe(T0); // not due yet: rollups only

    clock.t = due;
    applyAt(T0 + 10_000);
    await persister.persist();
    expect(await stored()).toBe(T0 + 10_000);

    applyAt(T0 + 12_000);
    await persister.persist({ final: true }); // due or not
    expect(await stored()).toBe(T0 + 12_000);
    const resumed = JSON.parse((await readCheckpoint(temp.db, "a1"))!.state) as { engine: { clock: number } };
    expect(resumed.engine.clock).toBe(T0 + 12_000);
  });
});
