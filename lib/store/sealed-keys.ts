import { isSealed, seal } from "@/lib/crypto/secret-box";
import type { Db } from "./db";
import { openQuietly, sealContext } from "./key-seal";

// Keeping stored API keys sealed: a key found in plaintext is sealed at start (lib/app.ts), and data
// key rotation (npm run rotate-data-key) opens every stored key with the current data key and seals it
// with the next, in one transaction, so the database never holds keys sealed with two data keys.

/**
 * Seals, in place, every API key still stored in plaintext (written before keys were sealed, or by
 * hand), whatever its activation's state; returns the activation ids sealed. Run once at start, before
 * anything reads a key; a plaintext key is never used afterwards.
 */
export async function sealPlaintextKeys(db: Db, dataKey: Buffer): Promise<string[]> {
  const rows = await db.activation.findMany({
    where: { apiKey: { not: "" } },
    select: { id: true, apiKey: true, activationRefId: true, baseUrl: true },
  });
  const plain = rows.filter((r) => !isSealed(r.apiKey));
  if (!plain.length) return [];
  await db.$transaction(
    plain.map((r) =>
      db.activation.update({
        where: { id: r.id },
        data: { apiKey: seal(dataKey, r.apiKey, sealContext(r.activationRefId, r.baseUrl)) },
      }),
    ),
  );
  return plain.map((r) => r.id);
}

export interface RotationResult {
  /** Activation ids whose key is now sealed with the next key. */
  resealed: string[];
  /** Activation ids whose key does not open with the current key: nothing was changed. */
  unopenable: string[];
}

/**
 * Re-seals every stored API key (all activations, deactivated ones too) from `current` to `next`. A
 * key still in plaintext is sealed. When any key does not open with `current`, nothing is written and
 * those ids are returned: rotating would make them unreadable for good.
 */
export async function resealAllKeys(db: Db, current: Buffer, next: Buffer): Promise<RotationResult> {
  const rows = await db.activation.findMany({
    where: { apiKey: { not: "" } },
    select: { id: true, apiKey: true, activationRefId: true, baseUrl: true },
  });
  const opened = rows.map((r) => ({
    ...r,
    key: isSealed(r.apiKey) ? openQuietly(current, r.apiKey, r.activationRefId, r.baseUrl) : r.apiKey,
  }));
  const unopenable = opened.filter((r) => r.key === null).map((r) => r.id);
  if (unopenable.length) return { resealed: [], unopenable };
  await db.$transaction(
    opened.map((r) =>
      db.activation.update({
        where: { id: r.id },
        data: { apiKey: seal(next, r.key!, sealContext(r.activationRefId, r.baseUrl)) },
      }),
    ),
  );
  return { resealed: opened.map((r) => r.id), unopenable: [] };
}
