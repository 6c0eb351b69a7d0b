import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, linkSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { sqlitePath } from "@/lib/config";
import type { Logger } from "@/lib/log";

// The key that seals API keys at rest: DATA_KEY when set, else a generated key file readable by the
// owner only, kept apart from the database (DATA_KEY_FILE, default the user's config folder), so a
// copy of the database folder (a backup, a shared volume) carries no key to open what it holds.

export interface DataKeyConfig {
  DATA_KEY?: string | undefined;
  DATA_KEY_FILE?: string | undefined;
  XDG_CONFIG_HOME?: string | undefined;
  DATABASE_URL: string;
}

const cache = new Map<string, Buffer>();

/** Where the key file is: DATA_KEY_FILE, else $XDG_CONFIG_HOME/floorpulse/data.key (~/.config by default). */
export function keyFilePath(c: Omit<DataKeyConfig, "DATABASE_URL">): string {
  if (c.DATA_KEY_FILE) return resolve(c.DATA_KEY_FILE);
  return join(resolve(c.XDG_CONFIG_HOME || join(homedir(), ".config")), "floorpulse", "data.key");
}

/** The folder the database's files are in (for a database server, ./data, where the old key file was). */
export function databaseFolder(databaseUrl: string): string {
  return databaseUrl.startsWith("file:") ? dirname(resolve(sqlitePath(databaseUrl))) : resolve("data");
}

/** Where earlier versions kept the key: beside the database. Moved away on first start. */
export const legacyKeyFilePath = (databaseUrl: string) => join(databaseFolder(databaseUrl), "floorpulse.key");

function readKeyFile(path: string): Buffer {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}

/** Writes `key` to `path` unless another process got there first; returns the key the file holds. */
function createKeyFile(path: string, key: Buffer): Buffer {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  // Written whole under a temporary name, then hard-linked to the final one: a reader never sees half
  // a key, and the link fails when another process created the file first; then its key is the one.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, key.toString("base64") + "\n", { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return readKeyFile(path);
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * The data key. Without DATA_KEY, the key file; a key file an earlier version left beside the
 * database is moved there (logged once). Refuses a key file in the database's folder, and two
 * different key files (the old one would be needed to open what the database holds).
 */
export function resolveDataKey(c: DataKeyConfig, log?: Pick<Logger, "warn">): Buffer {
  if (c.DATA_KEY) return Buffer.from(c.DATA_KEY, "base64");
  const path = keyFilePath(c);
  const hit = cache.get(path);
  if (hit) return hit;
  const dbFolder = databaseFolder(c.DATABASE_URL);
  if (dirname(path) === dbFolder)
    throw new Error(
      `DATA_KEY_FILE ${path} is in the database's folder: a copy of that folder would carry the key; choose another folder`,
    );
  const legacy = legacyKeyFilePath(c.DATABASE_URL);
  let key = existsSync(path) ? readKeyFile(path) : null;
  if (existsSync(legacy)) {
    const old = readKeyFile(legacy);
    if (key && !key.equals(old))
      throw new Error(
        `two different data keys: ${legacy} (beside the database, the one its API keys are sealed with) and ${path}; ` +
          `set DATA_KEY_FILE to a new path outside the database folder and move ${legacy} there`,
      );
    key ??= createKeyFile(path, old);
    unlinkSync(legacy);
    log?.warn({ from: legacy, to: path }, "data key file moved out of the database folder");
  }
  key ??= createKeyFile(path, randomBytes(32));
  cache.set(path, key);
  return key;
}
