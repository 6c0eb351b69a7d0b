import { createHash } from "node:crypto";

// Everything the simulator shows is a pure function of (seed, time), so a replay from any
// fromTimestamp yields byte-identical records and two runs with one seed agree exactly.
// The fixed-arity hashes below run on the hot path (millions of calls a second at full speed):
// no rest arguments, no allocation.

function mix(h: number, p: number): number {
  h ^= Math.imul(p | 0, 0x85ebca6b) + 0x27d4eb2f;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

export function h2(a: number, b: number): number {
  return mix(mix(0x9e3779b9, a), b) >>> 0;
}
export function h3(a: number, b: number, c: number): number {
  return mix(mix(mix(0x9e3779b9, a), b), c) >>> 0;
}
export function h4(a: number, b: number, c: number, d: number): number {
  return mix(mix(mix(mix(0x9e3779b9, a), b), c), d) >>> 0;
}
export function h5(a: number, b: number, c: number, d: number, e: number): number {
  return mix(mix(mix(mix(mix(0x9e3779b9, a), b), c), d), e) >>> 0;
}

/** A float in [0, 1) from a 32-bit hash. */
export function u(h: number): number {
  return h / 4294967296;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** 8 hex digits of a 32-bit number. */
export function hex8(n: number): string {
  return HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
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
