import { canonicalTimeZone } from "@/lib/time/zone";
import type { Db } from "./db";

/** Deeper than any real hierarchy; bounds the walk so a malformed tree cannot loop. */
const MAX_DEPTH = 32;

/**
 * The IANA zone whose clock a location keeps: its own, else that of its nearest ancestor with one,
 * else `fallback` (config TIME_ZONE). A stored name Intl does not know is passed over like a missing one.
 */
export async function locationTimeZone(db: Db, locationId: string, fallback: string): Promise<string> {
  let id: string | null = locationId;
  for (let depth = 0; id !== null && depth < MAX_DEPTH; depth++) {
    const row: { parentId: string | null; timeZone: string | null } | null = await db.location.findUnique({
      where: { id },
      select: { parentId: true, timeZone: true },
    });
    if (!row) break;
    const zone = canonicalTimeZone(row.timeZone);
    if (zone) return zone;
    id = row.parentId;
  }
  return canonicalTimeZone(fallback) ?? "UTC";
}
