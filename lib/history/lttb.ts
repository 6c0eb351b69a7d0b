// Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the points that carry a line's shape, so
// a month of minutes still shows its peaks in a few hundred points.

/** Indices (ascending, first and last included) of at most `threshold` points chosen from xs/ys. */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = xs.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average of the next bucket stands in for the point still to be chosen there.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j]!;
      avgY += ys[j]!;
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = xs[a]!;
    const ay = ys[a]!;
    let best = -1;
    let pick = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > best) {
        best = area;
        pick = j;
      }
    }
    out.push(pick);
    a = pick;
  }
  out.push(n - 1);
  return out;
}

/** LTTB over points given as objects. */
export function lttb<T>(points: T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  const idx = lttbIndices(points.map(x), points.map(y), threshold);
  return idx.map((i) => points[i]!);
}
