// The heat layer: device density over the floor image as a smooth surface, cool to hot. Devices are
// counted on a fine grid, blurred (three box blurs approximate a Gaussian), and coloured against
// the peak one lone device makes, so "hot" means the same crowd at any zoom and any floor size.
// Computed when positions change, not on every animation frame.

export interface HeatGrid {
  cols: number;
  rows: number;
  cell: number;
  values: Float32Array;
  /** Blurred value at the centre of one device on its own: the unit of intensity. */
  unit: number;
}

/** Devices per cell of `cell` image pixels. */
export function countGrid(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  n: number,
  width: number,
  height: number,
  cell: number,
): { cols: number; rows: number; values: Float32Array } {
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const values = new Float32Array(cols * rows);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor(xs[i]! / cell);
    const cy = Math.floor(ys[i]! / cell);
    if (cx >= 0 && cy >= 0 && cx < cols && cy < rows) values[cy * cols + cx]! += 1;
  }
  return { cols, rows, values };
}

function boxBlur(
  src: Float32Array,
  dst: Float32Array,
  cols: number,
  rows: number,
  r: number,
  horizontal: boolean,
): void {
  const len = horizontal ? cols : rows;
  const lines = horizontal ? rows : cols;
  const w = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    const at = (k: number) => (horizontal ? line * cols + k : k * cols + line);
    let sum = 0;
    for (let k = -r; k <= r; k++) if (k >= 0 && k < len) sum += src[at(k)]!;
    for (let k = 0; k < len; k++) {
      dst[at(k)] = sum / w;
      const out = k - r;
      const inn = k + r + 1;
      if (out >= 0) sum -= src[at(out)]!;
      if (inn < len) sum += src[at(inn)]!;
    }
  }
}

/** Three box blurs of radius r in each direction (a close Gaussian), in place. */
export function blur(values: Float32Array, cols: number, rows: number, r: number): void {
  const tmp = new Float32Array(values.length);
  for (let pass = 0; pass < 3; pass++) {
    boxBlur(values, tmp, cols, rows, r, true);
    boxBlur(tmp, values, cols, rows, r, false);
  }
}

/** Density surface for device positions (image pixels) over a width x height image. */
export function densityGrid(...args: [...grid: Parameters<typeof countGrid>, radiusCells?: number]): HeatGrid {
  const [xs, ys, n, width, height, cell, radiusCells = 3] = args;
  const g = countGrid(xs, ys, n, width, height, cell);
  blur(g.values, g.cols, g.rows, radiusCells);
  // One device alone, far from the edges, gives this peak.
  const size = 6 * radiusCells + 3;
  const one = new Float32Array(size * size);
  const mid = Math.floor(size / 2);
  one[mid * size + mid] = 1;
  blur(one, size, size, radiusCells);
  return { ...g, cell, unit: one[mid * size + mid]! };
}

/** Cool to hot, with alpha rising with density so empty floor stays clear. */
export const HEAT_STOPS: Array<[stop: number, rgb: [number, number, number]]> = [
  [0, [37, 99, 235]],
  [0.35, [16, 185, 129]],
  [0.65, [234, 179, 8]],
  [1, [220, 38, 38]],
];

export function heatColour(v: number): [number, number, number, number] {
  const k = Math.max(0, Math.min(1, v));
  let i = 0;
  while (i < HEAT_STOPS.length - 2 && k > HEAT_STOPS[i + 1]![0]) i++;
  const [s0, c0] = HEAT_STOPS[i]!;
  const [s1, c1] = HEAT_STOPS[i + 1]!;
  const f = (k - s0) / (s1 - s0 || 1);
  const mix = (j: number) => Math.round(c0[j]! + (c1[j]! - c0[j]!) * f);
  return [mix(0), mix(1), mix(2), k === 0 ? 0 : Math.round(255 * Math.min(0.8, 0.25 + 0.75 * Math.sqrt(k)))];
}

/** Full heat needs at least this many lone-device peaks: a handful of people standing together. */
export const FULL_HEAT_DEVICES = 5;

/**
 * RGBA pixels, one per grid cell. Full heat is the floor's densest spot (so a crowded floor still
 * shows where it is most crowded), but never less than a handful of people together (so a quiet
 * floor does not glow red around two colleagues).
 */
export function heatPixels(g: HeatGrid): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(g.cols * g.rows * 4));
  let max = 0;
  for (let i = 0; i < g.values.length; i++) if (g.values[i]! > max) max = g.values[i]!;
  const full = Math.max(g.unit * FULL_HEAT_DEVICES, max * 0.9);
  const faint = g.unit * 0.12; // the fringe of one device: leave it clear
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i]!;
    if (v < faint) continue;
    out.set(heatColour(v / full), i * 4);
  }
  return out;
}
