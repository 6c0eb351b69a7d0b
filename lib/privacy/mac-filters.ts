import { z } from "zod";

// The tenant's opt-out list: MAC addresses or patterns ("*" any run, "?" one character) that Cisco
// Spaces leaves out of the Firehose. The list lives at Cisco; we only validate what an admin sends.

export const MAX_MAC_FILTERS = 500;

/** Lower case with ":" separators, as Cisco and the UI show them. */
export const normaliseMacPattern = (p: string) => p.trim().toLowerCase().replace(/-/g, ":");

const SHAPE = /^[0-9a-f?*]{1,2}(:[0-9a-f?*]{1,2}){0,5}$|^[0-9a-f?*:]*\*[0-9a-f?*:]*$/;

/** Why a pattern is refused, or null when it is a MAC address or a MAC pattern that excludes some devices only. */
export function macPatternProblem(raw: string): string | null {
  const p = normaliseMacPattern(raw);
  if (!p) return "empty entry";
  if (p.length > 17) return `"${raw}" is longer than a MAC address`;
  if (!SHAPE.test(p)) return `"${raw}" is not a MAC address or pattern (hex digits, ":" or "-", "*" and "?")`;
  if (!/[0-9a-f]/.test(p)) return `"${raw}" would exclude every device: name at least one digit of the address`;
  const full = p.includes("*") ? true : p.split(":").length === 6 && p.split(":").every((o) => o.length === 2);
  if (!full) return `"${raw}" is not a whole MAC address: use six pairs (aa:bb:cc:dd:ee:ff) or a "*"`;
  return null;
}

export const macFilterListSchema = z
  .array(z.string().max(64))
  .max(MAX_MAC_FILTERS, `At most ${MAX_MAC_FILTERS} entries.`)
  .transform((list, ctx) => {
    const out: string[] = [];
    for (const raw of list) {
      const problem = macPatternProblem(raw);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      else if (!out.includes(normaliseMacPattern(raw))) out.push(normaliseMacPattern(raw));
    }
    return out;
  });

export const macFilterBodySchema = z.object({ macFilter: macFilterListSchema }).strict();
