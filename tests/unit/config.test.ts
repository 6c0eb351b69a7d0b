import { describe, expect, it } from "vitest";
import { loadConfigOrThrow, processHeapMb } from "@/lib/config";

describe("config", () => {
  it("needs no environment at all", () => {
    const c = loadConfigOrThrow({});
    expect(c).toMatchObject({
      PORT: 3000,
      SIMULATOR_PORT: 4000,
      DATABASE_URL: "file:./data/floorpulse.db",
      HOST: "127.0.0.1",
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("runs ingest on its own thread with bounded heaps unless told otherwise", () => {
    expect(loadConfigOrThrow({})).toMatchObject({ INGEST_THREAD: true, HEAP_MB: 256, INGEST_HEAP_MB: 320 });
    expect(loadConfigOrThrow({}).WORKER_PORT).toBeUndefined(); // a worker's probes then listen on PORT
    expect(loadConfigOrThrow({ INGEST_THREAD: "false", WORKER_PORT: "9464" })).toMatchObject({
      INGEST_THREAD: false,
      WORKER_PORT: 9464,
    });
    expect(() => loadConfigOrThrow({ HEAP_MB: "16" })).toThrow(/HEAP_MB/);
  });

  it("bounds a process that ingests on its own thread by both heaps: a large campus's state fits", () => {
    const heap = (env: Record<string, string>) => processHeapMb(loadConfigOrThrow(env));
    const scaleOut = {
      DATABASE_URL: "postgresql://db/fp",
      REDIS_URL: "redis://cache:6379",
      DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    expect(heap({})).toBe(256); // ingest has its own thread and bound (INGEST_HEAP_MB)
    expect(heap({ INGEST_THREAD: "false" })).toBe(576);
    expect(heap({ REDIS_URL: "redis://cache:6379" })).toBe(576); // ROLE=all with Redis ingests on the web thread
    expect(heap({ ...scaleOut, ROLE: "worker" })).toBe(576);
    expect(heap({ ...scaleOut, ROLE: "web" })).toBe(256);
    expect(heap({ ...scaleOut, ROLE: "worker", HEAP_MB: "128", INGEST_HEAP_MB: "1024" })).toBe(1152);
  });

  it("lists every problem at once", () => {
    expect(() => loadConfigOrThrow({ PORT: "70000", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL[\s\S]*DATABASE_URL/,
    );
    try {
      loadConfigOrThrow({ PORT: "70000", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" });
    } catch (e) {
      expect((e as Error).message.split("\n").length).toBe(4);
    }
  });
});
