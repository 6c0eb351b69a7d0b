import { importSPKI } from "jose";
import { createSpacesClient, SpacesError } from "@/lib/spaces/client";

// Cisco's partnerPublicKey keys, by base URL and version. A version we have not seen is fetched once;
// one Cisco does not publish is remembered as missing for a while, so forged versions cannot make us
// hammer Cisco. A cached key that fails a signature may be stale (Cisco rotated it): it is refetched at
// most once per `minRefetchMs`.

export type VerifyKey = Awaited<ReturnType<typeof importSPKI>>;

export class KeyUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: "unknown-version" | "unreachable",
  ) {
    super(message);
  }
}

export interface KeyCache {
  /** The key, and whether it was fetched just now (a fresh key needs no second try). */
  get(baseUrl: string, version: string): Promise<{ key: VerifyKey; fresh: boolean }>;
  /** Refetches a key that failed verification, unless it was fetched moments ago. */
  refresh(baseUrl: string, version: string): Promise<{ key: VerifyKey; fresh: boolean } | null>;
}

interface Entry {
  key: VerifyKey;
  at: number;
}

const MAX_MISSES = 1000;

export function createKeyCache(
  o: { fetch?: typeof fetch; now?: () => number; ttlMs?: number; minRefetchMs?: number } = {},
): KeyCache {
  const now = o.now ?? Date.now;
  const ttlMs = o.ttlMs ?? 6 * 3_600_000;
  const minRefetchMs = o.minRefetchMs ?? 60_000;
  const keys = new Map<string, Entry>();
  const misses = new Map<string, { at: number; error: KeyUnavailableError }>();
  const inflight = new Map<string, Promise<Entry>>();

  const fetchKey = (baseUrl: string, version: string): Promise<Entry> => {
    const id = `${baseUrl}|${version}`;
    const running = inflight.get(id);
    if (running) return running;
    const p = (async () => {
      try {
        const pem = await createSpacesClient(baseUrl, o.fetch).getPublicKeyPem(version);
        const entry = { key: await importSPKI(pem, "RS256"), at: now() };
        keys.set(id, entry);
        misses.delete(id);
        return entry;
      } catch (e) {
        const unknown = e instanceof SpacesError && e.status >= 400 && e.status < 500;
        const error = unknown
          ? new KeyUnavailableError(
              `Cisco Spaces at ${baseUrl} publishes no public key version "${version}".`,
              "unknown-version",
            )
          : e instanceof KeyUnavailableError
            ? e
            : new KeyUnavailableError(
                `Cisco Spaces at ${baseUrl} did not hand out its public key (${(e as Error).message}).`,
                "unreachable",
              );
        if (unknown) {
          if (misses.size >= MAX_MISSES) misses.delete(misses.keys().next().value!);
          misses.set(id, { at: now(), error });
        }
        throw error;
      } finally {
        inflight.delete(id);
      }
    })();
    inflight.set(id, p);
    return p;
  };

  return {
    async get(baseUrl, version) {
      const id = `${baseUrl}|${version}`;
      const hit = keys.get(id);
      if (hit && now() - hit.at < ttlMs) return { key: hit.key, fresh: false };
      const miss = misses.get(id);
      if (miss && now() - miss.at < minRefetchMs) throw miss.error;
      return { key: (await fetchKey(baseUrl, version)).key, fresh: true };
    },
    async refresh(baseUrl, version) {
      const hit = keys.get(`${baseUrl}|${version}`);
      if (hit && now() - hit.at < minRefetchMs) return null;
      return { key: (await fetchKey(baseUrl, version)).key, fresh: true };
    },
  };
}
