// Drawing device dots. Each frame writes every dot into one pixel buffer (a pre-rendered,
// anti-aliased dot stamped at each position) and hands it to the canvas once: no path per dot and
// no per-dot draw call, so 5,000 dots cost a few milliseconds even where the canvas has no GPU.

/** Image pixel → canvas pixel: x' = a*x + c, y' = b*y + d (CRS.Simple has no rotation or skew). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface Stamp {
  size: number;
  /** Straight-alpha RGBA, size x size. */
  rgba: Uint8ClampedArray;
}

const parseHex = (hex: string): [number, number, number] => {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h.padEnd(6, "0");
  return [
    parseInt(full.slice(0, 2), 16) || 0,
    parseInt(full.slice(2, 4), 16) || 0,
    parseInt(full.slice(4, 6), 16) || 0,
  ];
};

/** A filled dot of radius r with a ring of `ring` pixels in another colour, edges anti-aliased. */
export function makeStamp(radius: number, fill: string, stroke: string, ring = 1.25): Stamp {
  const outer = radius + ring;
  const size = Math.ceil(outer * 2) + 2;
  const mid = size / 2;
  const f = parseHex(fill);
  const s = parseHex(stroke);
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dist = Math.hypot(x + 0.5 - mid, y + 0.5 - mid);
      const cover = Math.max(0, Math.min(1, outer - dist + 0.5));
      if (cover <= 0) continue;
      const inner = Math.max(0, Math.min(1, radius - dist + 0.5));
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(f[k]! * inner + s[k]! * (1 - inner));
      rgba[i + 3] = Math.round(255 * cover);
    }
  }
  return { size, rgba };
}

/**
 * Stamps n dots into a width x height RGBA buffer (cleared by the caller), blending where dots
 * overlap. Dots outside the buffer are skipped; returns how many were drawn.
 */
export function stampDots(
  buf: Uint8ClampedArray,
  width: number,
  height: number,
  xs: Float64Array,
  ys: Float64Array,
  n: number,
  t: Affine,
  stamp: Stamp,
): number {
  const { size, rgba } = stamp;
  const half = size / 2;
  let drawn = 0;
  for (let i = 0; i < n; i++) {
    const x0 = Math.round(t.a * xs[i]! + t.c - half);
    const y0 = Math.round(t.b * ys[i]! + t.d - half);
    if (x0 + size <= 0 || y0 + size <= 0 || x0 >= width || y0 >= height) continue;
    drawn++;
    for (let sy = 0; sy < size; sy++) {
      const py = y0 + sy;
      if (py < 0 || py >= height) continue;
      const row = py * width;
      for (let sx = 0; sx < size; sx++) {
        const px = x0 + sx;
        if (px < 0 || px >= width) continue;
        const s = (sy * size + sx) * 4;
        const sa = rgba[s + 3]!;
        if (sa === 0) continue;
        const d = (row + px) * 4;
        const da = buf[d + 3]!;
        if (sa === 255 || da === 0) {
          buf[d] = rgba[s]!;
          buf[d + 1] = rgba[s + 1]!;
          buf[d + 2] = rgba[s + 2]!;
          buf[d + 3] = sa;
          continue;
        }
        // Source over destination, straight alpha.
        const a = sa / 255;
        const b = (da / 255) * (1 - a);
        const out = a + b;
        buf[d] = (rgba[s]! * a + buf[d]! * b) / out;
        buf[d + 1] = (rgba[s + 1]! * a + buf[d + 1]! * b) / out;
        buf[d + 2] = (rgba[s + 2]! * a + buf[d + 2]! * b) / out;
        buf[d + 3] = out * 255;
      }
    }
  }
  return drawn;
}

/** Dot radius in screen pixels for a zoom: readable zoomed out, not blobs zoomed in, smaller in a crowd. */
export function dotRadius(pixelsPerImagePixel: number, count: number): number {
  const base = count > 2000 ? 2.5 : count > 500 ? 3.5 : 5.5;
  return Math.max(2, Math.min(9, base * Math.sqrt(Math.max(0.25, Math.min(4, pixelsPerImagePixel * 1.6)))));
}
