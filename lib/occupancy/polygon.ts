// Zone polygons on a floor map, in the floor's feet (the unit of Cisco's xPos/yPos).

export type Point = readonly [x: number, y: number];

/** A usable polygon has at least three finite vertices and some area. */
export function validPolygon(points: readonly Point[]): boolean {
  return (
    points.length >= 3 &&
    points.every((p) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])) &&
    polygonArea(points) > 0
  );
}

/** Shoelace area, always positive. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++)
    twice += (points[j]![0] + points[i]![0]) * (points[j]![1] - points[i]![1]);
  return Math.abs(twice) / 2;
}

/** Even-odd ray casting; a point exactly on an edge may fall either way. */
export function containsPoint(points: readonly Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
