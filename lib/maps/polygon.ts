import { z } from "zod";
import { parseStoredJson } from "./stored-json";

// A zone outline in feet on its floor, as admins draw it: JSON [[x, y], ...] in Location.polygon.

const point = z.tuple([z.number().min(-100_000).max(100_000), z.number().min(-100_000).max(100_000)]);
export const polygonSchema = z
  .array(point)
  .min(3, "an outline needs at least 3 corners")
  .max(200, "an outline may have at most 200 corners");

export type Polygon = Array<[number, number]>;

/** The stored outline, or null when there is none or it does not parse. */
export function parsePolygon(json: string | null | undefined): Polygon | null {
  return parseStoredJson(polygonSchema, json, null);
}

/** Parses "x,y; x,y; ..." as typed by someone who prefers numbers to drawing. */
export function parsePolygonText(text: string): { ok: true; polygon: Polygon } | { ok: false; error: string } {
  const pairs = text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const pts: Polygon = [];
  for (const pair of pairs) {
    const m = pair.match(/^\(?\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*\)?$/);
    if (!m) return { ok: false, error: `"${pair}" is not an x,y pair in feet` };
    pts.push([Number(m[1]), Number(m[2])]);
  }
  const r = polygonSchema.safeParse(pts);
  return r.success
    ? { ok: true, polygon: r.data }
    : { ok: false, error: r.error.issues[0]?.message ?? "invalid outline" };
}

export const formatPolygonText = (p: Polygon): string => p.map(([x, y]) => `${round1(x)},${round1(y)}`).join("; ");
const round1 = (n: number) => Math.round(n * 10) / 10;
