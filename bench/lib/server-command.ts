// THE one place that says how the bench runs the server: exactly what `npm start` spawns (scripts/start.mjs),
// the compiled server with its heap bound and no loader, so no TypeScript compiler runs while measured.
import { loadConfigOrThrow, processHeapMb } from "@/lib/config";

export interface ServerCommand {
  /** node's arguments (the script and anything node needs before it; no `node` itself). */
  nodeArgs: string[];
  /** How the table and --help name it. */
  label: string;
}

/** `env`: the server's settings that decide where ingest runs (ROLE, REDIS_URL, INGEST_THREAD). */
export function serverCommand(env: Record<string, string | undefined> = {}): ServerCommand {
  const heap = `--max-old-space-size=${processHeapMb(loadConfigOrThrow(env))}`;
  return { nodeArgs: [heap, "dist/server.mjs"], label: `node ${heap} dist/server.mjs` };
}
