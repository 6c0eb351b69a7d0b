import { describe, expect, it } from "vitest";
import { feetToLatLng, imageBounds } from "@/lib/maps/coords";

const g = { imageWidth: 1000, imageHeight: 600, widthFt: 200, lengthFt: 120 };

describe("feet to map coordinates", () => {
  it("puts the origin at the image's top-left corner, x along the width and y down the length", () => {
    expect(feetToLatLng(g, 0, 0)).toEqual([-0, 0]);
    expect(feetToLatLng(g, 200, 120)).toEqual([-600, 1000]);
    expect(feetToLatLng(g, 50, 30)).toEqual([-150, 250]);
    expect(imageBounds(g)).toEqual([
      [-600, 0],
      [0, 1000],
    ]);
  });

  it("falls back to pixels when the floor size is unknown", () => {
    expect(feetToLatLng({ ...g, widthFt: null, lengthFt: null }, 12, 34)).toEqual([-34, 12]);
  });
});
