// Device dots eased from where they were drawn to where they were last reported, kept in flat typed
// arrays so a frame over 5,000 dots allocates nothing. Positions are image pixels.

export const MOVE_MS = 900;

export interface DotMotion {
  /** New targets: every alias present is shown, others fade out of the set at once. */
  setTargets(points: ReadonlyArray<readonly [alias: number, x: number, y: number]>, now: number): void;
  /** Positions at `now` into xs/ys (grown as needed); returns how many and whether any still move. */
  frame(now: number): { n: number; moving: boolean; xs: Float64Array; ys: Float64Array };
  readonly size: number;
}

export function createDotMotion(durationMs = MOVE_MS): DotMotion {
  let index = new Map<number, number>();
  let fx = new Float64Array(0);
  let fy = new Float64Array(0);
  let tx = new Float64Array(0);
  let ty = new Float64Array(0);
  let start = new Float64Array(0);
  let xs = new Float64Array(0);
  let ys = new Float64Array(0);
  let n = 0;

  const ease = (k: number) => k * (2 - k);

  const at = (i: number, now: number): [number, number] => {
    const k = Math.min(1, Math.max(0, (now - start[i]!) / durationMs));
    const e = ease(k);
    return [fx[i]! + (tx[i]! - fx[i]!) * e, fy[i]! + (ty[i]! - fy[i]!) * e];
  };

  return {
    get size() {
      return n;
    },
    setTargets(points, now) {
      const m = points.length;
      const nfx = new Float64Array(m);
      const nfy = new Float64Array(m);
      const ntx = new Float64Array(m);
      const nty = new Float64Array(m);
      const ns = new Float64Array(m);
      const nindex = new Map<number, number>();
      for (let j = 0; j < m; j++) {
        const [alias, x, y] = points[j]!;
        nindex.set(alias, j);
        ntx[j] = x;
        nty[j] = y;
        const i = index.get(alias);
        if (i === undefined) {
          // A new device appears where it is: no flight in from a corner.
          nfx[j] = x;
          nfy[j] = y;
          ns[j] = now - durationMs;
        } else if (tx[i] === x && ty[i] === y) {
          // Unchanged target: keep the flight in progress.
          nfx[j] = fx[i]!;
          nfy[j] = fy[i]!;
          ns[j] = start[i]!;
        } else {
          const [cx, cy] = at(i, now);
          nfx[j] = cx;
          nfy[j] = cy;
          ns[j] = now;
        }
      }
      index = nindex;
      fx = nfx;
      fy = nfy;
      tx = ntx;
      ty = nty;
      start = ns;
      n = m;
      if (xs.length < m) {
        xs = new Float64Array(m);
        ys = new Float64Array(m);
      }
    },
    frame(now) {
      let moving = false;
      for (let i = 0; i < n; i++) {
        const k = (now - start[i]!) / durationMs;
        if (k < 1) moving = true;
        const e = ease(Math.min(1, Math.max(0, k)));
        xs[i] = fx[i]! + (tx[i]! - fx[i]!) * e;
        ys[i] = fy[i]! + (ty[i]! - fy[i]!) * e;
      }
      return { n, moving, xs, ys };
    },
  };
}

/** A short fingerprint of drawn positions (rounded to whole pixels), so tests can see dots move. */
export function positionsHash(xs: Float64Array, ys: Float64Array, n: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ Math.round(xs[i]!), 0x01000193);
    h = Math.imul(h ^ Math.round(ys[i]!), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
