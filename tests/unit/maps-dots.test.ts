import { describe, expect, it } from "vitest";
import { createDotMotion, MOVE_MS, positionsHash } from "@/components/floor-map/dot-motion";
import { makeStamp, stampDots } from "@/components/floor-map/draw";
import { densityGrid, heatColour, heatPixels } from "@/components/floor-map/heat";

describe("device dots", () => {
  it("glide from where they were drawn to their new position, and settle there", () => {
    const m = createDotMotion(1000);
    m.setTargets(
      [
        [1, 0, 0],
        [2, 50, 50],
      ],
      0,
    );
    expect(Array.from(m.frame(0).xs.slice(0, 2))).toEqual([0, 50]); // new dots appear in place
    m.setTargets(
      [
        [1, 100, 0],
        [2, 50, 50],
      ],
      0,
    );
    const half = m.frame(500);
    expect(half.moving).toBe(true);
    expect(half.xs[0]).toBeGreaterThan(50); // eased: more than half way at half time
    expect(half.xs[0]).toBeLessThan(100);
    const done = m.frame(1000);
    expect(done.moving).toBe(false);
    expect(done.xs[0]).toBe(100);
  });

  it("drop devices that left and keep a flight in progress when the target did not change", () => {
    const m = createDotMotion(MOVE_MS);
    m.setTargets(
      [
        [1, 0, 0],
        [2, 10, 10],
      ],
      0,
    );
    m.setTargets(
      [
        [1, 100, 0],
        [2, 10, 10],
      ],
      0,
    );
    m.setTargets([[1, 100, 0]], MOVE_MS / 2);
    expect(m.size).toBe(1);
    const f = m.frame(MOVE_MS / 2);
    expect(f.xs[0]).toBeGreaterThan(50);
    expect(f.xs[0]).toBeLessThan(100);
  });

  it("draws 5,000 dots into one pixel buffer in a single pass", () => {
    const n = 5000;
    const xs = new Float64Array(n).map((_, i) => (i * 7) % 1000);
    const ys = new Float64Array(n).map((_, i) => (i * 13) % 600);
    const buf = new Uint8ClampedArray(1000 * 600 * 4);
    const drawn = stampDots(buf, 1000, 600, xs, ys, n, { a: 1, b: 1, c: 0, d: 0 }, makeStamp(3, "#1d6fe0", "#ffffff"));
    expect(drawn).toBe(n);
    const pixel = (x: number, y: number) => Array.from(buf.slice((y * 1000 + x) * 4, (y * 1000 + x) * 4 + 4));
    expect(pixel(7, 13)).toEqual([0x1d, 0x6f, 0xe0, 255]); // the centre of the second dot, in the fill colour
  });

  it("places each dot through the map transform, rings it, and skips dots off the canvas", () => {
    const buf = new Uint8ClampedArray(100 * 100 * 4);
    const stamp = makeStamp(4, "#000000", "#ffffff", 2);
    const drawn = stampDots(
      buf,
      100,
      100,
      new Float64Array([10, 5000]),
      new Float64Array([20, 10]),
      2,
      { a: 2, b: 2, c: 30, d: 10 },
      stamp,
    );
    expect(drawn).toBe(1);
    const at = (x: number, y: number) => Array.from(buf.slice((y * 100 + x) * 4, (y * 100 + x) * 4 + 4));
    expect(at(50, 50)).toEqual([0, 0, 0, 255]); // 2*10+30, 2*20+10
    expect(at(50, 54)).toEqual([255, 255, 255, 255]); // the ring, just outside the 4 px fill
    expect(at(50, 60)[3]).toBe(0); // clear beyond it
  });

  it("fingerprints drawn positions so a change is visible from outside", () => {
    const a = positionsHash(new Float64Array([1, 2]), new Float64Array([3, 4]), 2);
    expect(positionsHash(new Float64Array([1, 2]), new Float64Array([3, 4]), 2)).toBe(a);
    expect(positionsHash(new Float64Array([1, 9]), new Float64Array([3, 4]), 2)).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe("the heat layer", () => {
  it("is hottest where devices crowd, faint around a lone device and clear where there are none", () => {
    const xs = [15, 15, 16, 14, 15, 85];
    const ys = [15, 15, 14, 16, 15, 85];
    const g = densityGrid(xs, ys, 6, 100, 100, 2, 2);
    expect(g.cols).toBe(50);
    const at = (x: number, y: number) => g.values[Math.floor(y / 2) * g.cols + Math.floor(x / 2)]!;
    expect(at(15, 15)).toBeGreaterThan(4 * at(85, 85));
    expect(at(85, 85)).toBeCloseTo(g.unit, 5); // one device alone peaks at exactly one unit
    expect(at(50, 50)).toBe(0);
    const px = heatPixels(g);
    const alpha = (x: number, y: number) => px[(Math.floor(y / 2) * g.cols + Math.floor(x / 2)) * 4 + 3]!;
    expect(alpha(50, 50)).toBe(0);
    expect(alpha(15, 15)).toBeGreaterThan(alpha(85, 85));
    expect(alpha(85, 85)).toBeGreaterThan(0);
  });

  it("scales to the densest spot on a crowded floor, so the crowd still has a centre", () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      xs.push(20 + (i % 20));
      ys.push(20 + Math.floor(i / 20));
    }
    for (let i = 0; i < 100; i++) {
      xs.push(60 + (i % 10) * 2);
      ys.push(60 + Math.floor(i / 10) * 2);
    }
    const g = densityGrid(xs, ys, xs.length, 100, 100, 1, 3);
    const px = heatPixels(g);
    const red = (x: number, y: number) => px[(y * 100 + x) * 4]!;
    expect(red(30, 30)).toBeGreaterThan(red(70, 70));
  });

  it("keeps the number of devices: blurring spreads them, it does not add or lose any", () => {
    const g = densityGrid([50, 52, 48], [50, 50, 50], 3, 100, 100, 1, 4);
    const total = g.values.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(3, 3);
  });

  it("runs from blue to red", () => {
    const [r0, , b0] = heatColour(0.01);
    const [r1, , b1, a1] = heatColour(1);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
    expect(a1).toBeGreaterThan(heatColour(0.01)[3]);
  });
});
