import { afterAll, beforeAll } from "vitest";
import { createSimulator, type Simulator } from "@/simulator/server";
import type { Proc } from "./app-server";
import { createTempPgDatabase, type TempPgDatabase } from "./postgres";

export interface PgCluster {
  /** Push every server process started here: all are killed after the block. */
  readonly procs: Proc[];
  readonly databaseUrl: string;
  readonly sim: Simulator;
}

/**
 * For a describe block whose server processes share one PostgreSQL database and a one-tenant simulator:
 * both made before its tests; after them the processes are killed (no graceful exit to wait for), then both go.
 */
export function usePgCluster(seed: number): PgCluster {
  const procs: Proc[] = [];
  let pgDb: TempPgDatabase | undefined;
  let sim: Simulator | undefined;
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("the cluster is made in beforeAll: read it inside a hook or test");
    return v;
  };
  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    sim = await createSimulator({ seed, tenants: 1 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await pgDb?.drop();
    await sim?.close();
  });
  return {
    procs,
    get databaseUrl() {
      return ready(pgDb).url;
    },
    get sim() {
      return ready(sim);
    },
  };
}
