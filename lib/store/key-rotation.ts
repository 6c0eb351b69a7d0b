import { isSealed, seal } from "@/lib/crypto/secret-box";
import type { Db } from "./db";
import { openQuietly, sealContext } from "./key-seal";

// Data key rotation (npm run rotate-data-key): every stored secret opened with the current key and
// sealed with the next, in one transaction, so the database never holds keys sealed with two keys.

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
