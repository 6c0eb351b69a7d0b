/** A square outline (feet) with its corner at (x, y), as a zone polygon is drawn. */
export const square = (x: number, y: number, size: number): Array<[number, number]> => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];
