// `npm run rotate-data-key`: seals every stored API key with a new data key, in one transaction.
// Stop every Floorpulse process on this database first (a running one still holds the old key).
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { keyFilePath, resolveDataKey } from "@/lib/crypto/data-key";
import { resealAllKeys } from "@/lib/store/sealed-keys";
import { openDatabase, parseCli } from "./cli";

const HELP = `Usage: npm run rotate-data-key -- rotate

Opens every stored API key with the current data key (DATA_KEY, else DATA_KEY_FILE) and seals it with
a new one, all in one transaction; when any key does not open, nothing changes.
  With DATA_KEY set:   the new key is NEW_DATA_KEY when set (base64, 32 bytes), else generated and
                       printed once: set it as DATA_KEY on every node before starting them again.
  With a key file:     the new key replaces the file's (written beside it first as <file>.next, moved
                       in place once the database has committed).
Stop every Floorpulse process on this database before, start them after.
`;

const { command, fail } = parseCli(HELP, {
  allowPositionals: true,
  options: { help: { type: "boolean", short: "h", default: false } },
});
if (command !== "rotate") fail(`unknown command: ${command}`);

const { config, db } = await openDatabase();
try {
  const current = resolveDataKey(config);
  const given = process.env.NEW_DATA_KEY;
  const next = given ? Buffer.from(given, "base64") : randomBytes(32);
  if (next.length !== 32) fail("NEW_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
  if (next.equals(current)) fail("NEW_DATA_KEY is the current key");
  // A file-held key: the next one is on disk before the database changes, so neither is ever lost.
  const file = config.DATA_KEY ? null : keyFilePath(config);
  const staged = file ? `${file}.next` : null;
  if (staged) writeFileSync(staged, next.toString("base64") + "\n", { mode: 0o600, flag: "w" });
  const r = await resealAllKeys(db, current, next);
  if (r.unopenable.length) {
    if (staged) rmSync(staged);
    process.stderr.write(
      `Nothing changed: the API keys of activations ${r.unopenable.join(", ")} do not open with the current data key.\n`,
    );
    process.exit(1);
  }
  if (file && staged) {
    renameSync(staged, file);
    process.stdout.write(`Re-sealed ${r.resealed.length} API keys; ${file} holds the new data key.\n`);
  } else {
    process.stdout.write(`Re-sealed ${r.resealed.length} API keys with the new data key.\n`);
    if (!given) process.stdout.write(`Set DATA_KEY on every node to (shown once):\n${next.toString("base64")}\n`);
    else process.stdout.write("Set DATA_KEY on every node to NEW_DATA_KEY before starting them.\n");
  }
  if (file && existsSync(`${file}.next`)) rmSync(`${file}.next`);
} finally {
  await db.$disconnect();
}
