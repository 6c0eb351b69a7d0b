// What the admin command-line tools (`npm run user`, `npm run kiosk`) share: argument parsing with
// their help text on every mistake, and the database with its migrations applied.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfigOrThrow } from "@/lib/config";
import { createDb, type Db } from "@/lib/store/db";
import { applyMigrations } from "@/lib/store/migrate";

/** Parses argv; prints the help (exit 0 with --help, 2 without a command or on a bad option). */
export function parseCli<T extends ParseArgsConfig>(
  help: string,
  config: T,
): { values: ReturnType<typeof parseArgs<T>>["values"]; command: string; fail: (msg: string) => never } {
  const fail = (msg: string): never => {
    process.stderr.write(`${msg}\n\n${help}`);
    process.exit(2);
  };
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    return fail((e as Error).message);
  }
  const command = parsed.positionals?.[0];
  const wantsHelp = (parsed.values as { help?: boolean }).help === true;
  if (wantsHelp || !command) {
    process.stdout.write(help);
    process.exit(wantsHelp ? 0 : 2);
  }
  return { values: parsed.values, command, fail };
}

/** Runs a command against the database: an error is its message on stderr and exit code 1; the database is closed either way. */
export async function runAgainst(db: Db, command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

export async function openDatabase() {
  const config = loadConfigOrThrow();
  await applyMigrations(join(dirname(fileURLToPath(import.meta.url)), ".."), config.DATABASE_URL);
  return { config, db: createDb(config.DATABASE_URL) };
}
