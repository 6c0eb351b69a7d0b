// IANA time-zone names from outside (Cisco's `timeZone` fields, query strings, the database) made safe:
// a name Intl does not know is refused, and a known one is spelled the way Intl spells it, so
// "europe/berlin" and "Europe/Berlin" are one zone and a bad string never reaches a date formatter.

const known = new Map<string, string | null>();
/** Distinct spellings remembered; a hostile stream of made-up names only empties the memo. */
const MEMO_LIMIT = 1_000;

/** The canonical spelling of an IANA zone, or null for anything that is not one. */
export function canonicalTimeZone(raw: unknown): string | null {
  if (typeof raw !== "string" || !raw || raw.length > 64) return null;
  const hit = known.get(raw);
  if (hit !== undefined) return hit;
  let zone: string | null;
  try {
    zone = new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    zone = null;
  }
  if (known.size >= MEMO_LIMIT) known.clear();
  known.set(raw, zone);
  return zone;
}

/** Wall-clock formatting in a zone: the building's day, whatever zone the viewer's machine is in. */
export function formatInZone(
  ms: number,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale: string | string[] = [],
): string {
  return new Date(ms).toLocaleString(locale, { ...options, timeZone });
}
