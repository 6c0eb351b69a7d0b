import { existsSync, readFileSync } from "node:fs";

// What the simulator's records can carry about people (GET /admin/pii), and a search for it in raw bytes.

export interface PiiSample {
  piiInRecords: boolean;
  macAddresses: string[];
  emails: string[];
  names: string[];
  mobiles: string[];
  socialHandles: string[];
}

export async function piiOf(sim: string, tenant = 0): Promise<PiiSample> {
  return (await (await fetch(`${sim}/admin/pii?tenant=${tenant}`)).json()) as PiiSample;
}

/** Every spelling worth searching for: MACs in the usual notations, the rest as sent. */
export function needlesOf(p: PiiSample): string[] {
  const macs = p.macAddresses.flatMap((m) => [m, m.toUpperCase(), m.replace(/:/g, "-"), m.replace(/:/g, "")]);
  const nameFields = p.names.flatMap((n) => [`"firstName":"${n.split(" ")[0]}"`, `"lastName":"${n.split(" ")[1]}"`]);
  return [...new Set([...macs, ...p.emails, ...p.names, ...nameFields, ...p.mobiles, ...p.socialHandles])];
}

/** The needles found in any of the files (missing files are skipped), with where. */
export function findInFiles(files: string[], needles: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    // latin1 keeps every byte as one character: a search of the raw file, pages and WAL frames included.
    const bytes = readFileSync(f).toString("latin1").toLowerCase();
    for (const n of needles) if (bytes.includes(n.toLowerCase())) found.push(`${n} in ${f}`);
  }
  return found;
}

export function findInText(text: string, needles: string[]): string[] {
  const t = text.toLowerCase();
  return needles.filter((n) => t.includes(n.toLowerCase()));
}

/** Pieces of the personal data in the sample Firehose records (tests/fixtures): none may pass decoding. */
export const FIXTURE_PERSONAL = [
  "aa:bb:cc",
  "11:22:33",
  "de:ad:be",
  "alex",
  "Alex",
  "Doe",
  "example.com",
  "+1555",
  "94105",
  "user-7f3a",
];
