import { describe, expect, it } from "vitest";
import { loadConfigOrThrow } from "@/lib/config";

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
