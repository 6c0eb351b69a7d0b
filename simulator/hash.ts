import { createHash } from "node:crypto";

// Everything the simulator shows is a pure function of (seed, time), so a replay from any
// fromTimestamp yields byte-identical records and two runs with one seed agree exactly.

/** 32-bit integer hash of a list of integers (murmur3 finaliser over a running mix). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= Math.imul(p | 0, 0x85ebca6b) + 0x27d4eb2f;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A float in [0, 1) from a hash. */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** Hex id of the given length, stable for the same inputs. */
export function hexId(length: number, ...parts: Array<string | number>): string {
  return createHash("sha256").update(parts.join("|")).digest("hex").slice(0, length);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Alphanumeric id like Cisco's device ids (`device-qNCqfbaowTbMviFDFEAt2`). */
export function alnumId(length: number, ...parts: Array<string | number>): string {
  const bytes = createHash("sha256").update(parts.join("|")).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i % bytes.length]! % ALPHABET.length];
  return out;
}
