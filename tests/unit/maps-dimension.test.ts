import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLine } from "@/lib/firehose/decode";
import { feetToImage, floorSize, imageToFeet, type MapGeometry } from "@/lib/maps/coords";
import { dimensionSchema, floorDimensionOf } from "@/lib/firehose/decode/map-details";

// Every shape a floor's dimension can arrive in (LOCATION_CHANGE and Location Info mapDetails; Map
// Image Info documents none), and where the dots land for each.

const record = () =>
  JSON.parse(readFileSync(new URL("../fixtures/firehose/LOCATION_CHANGE.json", import.meta.url), "utf8")) as Record<
    string,
    any
  >;
const decodeChange = (rec: unknown) => {
  const r = decodeLine(JSON.stringify(rec));
  if (!r.ok || r.event.type !== "LOCATION_CHANGE") throw new Error("not decoded");
  return r.event;
};
const dim = (v: unknown) => floorDimensionOf(dimensionSchema.parse(v));

describe("a floor's dimension as Cisco sends it", () => {
  it("reads LOCATION_CHANGE's mapDetails.dimension in feet and its time zone", () => {
    const e = decodeChange(record());
    expect(e.timeZone).toBe("America/Los_Angeles");
    expect(e.dimension).toEqual({ widthFt: 174.5, lengthFt: 120.5, offsetXFt: 0, offsetYFt: 0 });
  });

  it("survives a LOCATION_CHANGE without mapDetails, with a broken dimension, or with sizes as strings", () => {
    const none = record();
    delete none.locationHierarchyChange.locationDetails.mapDetails;
    expect(decodeChange(none)).toMatchObject({ mapId: "", dimension: null, timeZone: "America/Los_Angeles" });
    const broken = record();
    broken.locationHierarchyChange.locationDetails.mapDetails.dimension = "wide";
    expect(decodeChange(broken)).toMatchObject({ mapId: "7f44ee53f954b8defbf8c16a0412a8fd", dimension: null });
    const strings = record();
    strings.locationHierarchyChange.locationDetails.mapDetails.dimension = {
      width: "80",
      length: "40.5",
      offsetX: "2",
    };
    expect(decodeChange(strings).dimension).toEqual({ widthFt: 80, lengthFt: 40.5, offsetXFt: 2, offsetYFt: 0 });
  });

  it("takes a missing block, zero sizes (proto3's unset) or negative ones as unknown, and absent offsets as 0", () => {
    expect(dim(undefined)).toBeNull();
    expect(dim(null)).toBeNull();
    expect(dim({})).toBeNull();
    expect(dim({ width: 0, length: 0, offsetX: 0, offsetY: 0 })).toBeNull();
    expect(dim({ width: -5, length: "x" })).toBeNull();
    expect(dim({ width: 100, length: 0 })).toEqual({ widthFt: 100, lengthFt: null, offsetXFt: 0, offsetYFt: 0 });
    expect(dim({ width: 100, length: 50, offsetX: -3.5, offsetY: 7 })).toEqual({
      widthFt: 100,
      lengthFt: 50,
      offsetXFt: -3.5,
      offsetYFt: 7,
    });
  });
});

describe("where a position lands on the plan", () => {
  const g: MapGeometry = { imageWidth: 1000, imageHeight: 500, widthFt: 200, lengthFt: 100 };

  it("scales by the floor's feet, x along the width and y down the length", () => {
    expect(feetToImage(g, 100, 50)).toEqual([500, 250]);
    expect(feetToImage(g, 200, 100)).toEqual([1000, 500]);
  });

  it("completes a missing side from the image's aspect ratio", () => {
    expect(floorSize({ ...g, lengthFt: null })).toMatchObject({ w: 200, l: 100 });
    expect(floorSize({ ...g, widthFt: 0 })).toMatchObject({ w: 200, l: 100 });
    expect(feetToImage({ ...g, lengthFt: null }, 100, 50)).toEqual([500, 250]);
  });

  it("takes positions as pixels only when Cisco sent no size at all (an admin's calibration sets the scale)", () => {
    expect(feetToImage({ ...g, widthFt: null, lengthFt: null }, 100, 50)).toEqual([100, 50]);
    expect(feetToImage({ ...g, widthFt: Number.NaN, lengthFt: -1 }, 100, 50)).toEqual([100, 50]);
    const calibrated = {
      ...g,
      widthFt: null,
      lengthFt: null,
      calibration: { offsetX: 0, offsetY: 0, scale: 5, rotation: 0, flipX: false, flipY: false },
    };
    expect(feetToImage(calibrated, 100, 50)[0]).toBeCloseTo(1000 / 2 + (100 - 500) * 5 + 0, 6); // scaled about the plan's centre
  });

  it("subtracts non-zero offsets, and maps back exactly", () => {
    const off = { ...g, offsetXFt: 10, offsetYFt: -20 };
    expect(feetToImage(off, 110, 30)).toEqual([500, 250]);
    expect(imageToFeet(off, 500, 250)).toEqual([110, 30]);
    const cal = {
      ...off,
      calibration: { offsetX: 3, offsetY: -2, scale: 1.1, rotation: 12, flipX: true, flipY: false },
    };
    const [px, py] = feetToImage(cal, 42, 17);
    const [x, y] = imageToFeet(cal, px, py);
    expect(x).toBeCloseTo(42, 9);
    expect(y).toBeCloseTo(17, 9);
  });
});
