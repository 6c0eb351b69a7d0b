import type { Hub } from "@/lib/realtime/hub";
import type { Db } from "@/lib/store/db";
import type { Logger } from "@/lib/log";

// Next bundles route handlers apart from what server.ts loads, so a module-level singleton would
// exist twice. server.ts puts the process-wide objects here, on globalThis, and routes read them.

export interface Registry {
  db: Db;
  hub: Hub;
  log: Logger;
}

const KEY = Symbol.for("floorpulse.registry");
type Holder = { [KEY]?: Registry };

export function setRegistry(r: Registry): void {
  (globalThis as Holder)[KEY] = r;
}

export function getRegistryOrThrow(): Registry {
  const r = (globalThis as Holder)[KEY];
  if (!r) throw new Error("Floorpulse registry missing: start the app with server.ts (npm start), not `next start`.");
  return r;
}
