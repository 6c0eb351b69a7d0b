import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { sqlitePath } from "@/lib/config";

// The key that seals API keys at rest: DATA_KEY when set, else a generated file beside the database,
// readable by the owner only, so a copied database file alone does not give away the keys.

const cache = new Map<string, Buffer>();

export function keyFilePath(databaseUrl: string): string {
  // Beside a SQLite file; for a database server, in ./data (nodes on several machines must share DATA_KEY).
  const dir = databaseUrl.startsWith("file:") ? dirname(resolve(sqlitePath(databaseUrl))) : resolve("data");
  return join(dir, "floorpulse.key");
}

export function resolveDataKey(c: { DATA_KEY?: string | undefined; DATABASE_URL: string }): Buffer {
  if (c.DATA_KEY) return Buffer.from(c.DATA_KEY, "base64");
  const path = keyFilePath(c.DATABASE_URL);
  const hit = cache.get(path);
  if (hit) return hit;
  let key: Buffer;
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    key = randomBytes(32);
    // "wx" fails when another process created it first; then its key is the one to use.
    try {
      writeFileSync(path, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    }
  }
  cache.set(path, key);
  return key;
}
