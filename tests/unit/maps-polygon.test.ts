import { describe, expect, it } from "vitest";
import { formatPolygonText, parsePolygon, parsePolygonText } from "@/lib/maps/polygon";

const square: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];

describe("zone outlines", () => {
  it("reads the stored JSON and rejects outlines with fewer than 3 corners", () => {
    expect(parsePolygon(JSON.stringify(square))).toEqual(square);
    expect(parsePolygon("[[0,0],[1,1]]")).toBeNull();
    expect(parsePolygon("{")).toBeNull();
    expect(parsePolygon(null)).toBeNull();
  });

  it("accepts corners typed as text and writes them back the same way", () => {
    const r = parsePolygonText("0,0; 10,0\n10, 10; (0 10)");
    expect(r).toEqual({ ok: true, polygon: square });
    expect(formatPolygonText(square)).toBe("0,0; 10,0; 10,10; 0,10");
    expect(parsePolygonText("0,0; 1")).toEqual({ ok: false, error: '"1" is not an x,y pair in feet' });
    expect(parsePolygonText("0,0; 1,1")).toMatchObject({ ok: false, error: "an outline needs at least 3 corners" });
  });
});
