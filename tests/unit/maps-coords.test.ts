import { describe, expect, it } from "vitest";
import { IDENTITY_CALIBRATION, parseCalibration, type Calibration } from "@/lib/maps/calibration";
import { feetToImage, feetToLatLng, imageToFeet, latLngToFeet, type MapGeometry } from "@/lib/maps/coords";

const g: MapGeometry = { imageWidth: 1000, imageHeight: 600, widthFt: 200, lengthFt: 120 };
const cal = (c: Partial<Calibration>): MapGeometry => ({ ...g, calibration: { ...IDENTITY_CALIBRATION, ...c } });
const close = (a: [number, number], b: [number, number]) => {
  expect(a[0]).toBeCloseTo(b[0], 6);
  expect(a[1]).toBeCloseTo(b[1], 6);
};

describe("placing Cisco positions on the floor image", () => {
  it("scales feet to pixels with the map's dimension: x along the width, y down the length", () => {
    expect(feetToImage(g, 0, 0)).toEqual([0, 0]);
    expect(feetToImage(g, 200, 120)).toEqual([1000, 600]);
    expect(feetToImage(g, 50, 30)).toEqual([250, 150]);
    expect(feetToLatLng(g, 50, 30)).toEqual([-150, 250]);
  });

  it("moves every dot by the offset an admin sets, in feet", () => {
    close(feetToImage(cal({ offsetX: 10, offsetY: -5 }), 50, 30), [300, 125]);
  });

  it("mirrors left-right and top-bottom within the floor", () => {
    close(feetToImage(cal({ flipX: true }), 50, 30), [750, 150]);
    close(feetToImage(cal({ flipY: true }), 50, 30), [250, 450]);
  });

  it("rotates clockwise about the floor's centre", () => {
    // 90° clockwise: a point right of the centre ends up below it.
    close(feetToImage(cal({ rotation: 90 }), 150, 60), [500, 550]);
    close(feetToImage(cal({ rotation: 90 }), 100, 60), [500, 300]);
    close(feetToImage(cal({ rotation: 180 }), 0, 0), [1000, 600]);
  });

  it("stretches about the centre when scaled", () => {
    close(feetToImage(cal({ scale: 2 }), 110, 60), [600, 300]);
    close(feetToImage(cal({ scale: 0.5 }), 0, 0), [250, 150]);
  });

  it("finds the feet under a clicked point, the exact inverse with any calibration", () => {
    const all = cal({ offsetX: 7.5, offsetY: -3, scale: 1.3, rotation: 33, flipX: true, flipY: true });
    for (const [x, y] of [
      [0, 0],
      [200, 120],
      [37, 91],
      [-10, 140],
    ] as Array<[number, number]>) {
      const [px, py] = feetToImage(all, x, y);
      close(imageToFeet(all, px, py), [x, y]);
      const [lat, lng] = feetToLatLng(all, x, y);
      close(latLngToFeet(all, lat, lng), [x, y]);
    }
  });

  it("takes positions as pixels when the floor size is unknown", () => {
    expect(feetToImage({ ...g, widthFt: null, lengthFt: null }, 12, 34)).toEqual([12, 34]);
  });

  it("reads a stored calibration, filling defaults, and ignores one that no longer parses", () => {
    expect(parseCalibration('{"offsetX":3,"flipY":true}')).toEqual({
      ...IDENTITY_CALIBRATION,
      offsetX: 3,
      flipY: true,
    });
    expect(parseCalibration('{"scale":0}')).toEqual(IDENTITY_CALIBRATION);
    expect(parseCalibration("not json")).toEqual(IDENTITY_CALIBRATION);
    expect(parseCalibration(null)).toEqual(IDENTITY_CALIBRATION);
  });
});
