// Cisco x/y are feet on the floor, origin top-left, x along the map's width and y along its length
// (shared/spec/firehose-events.md §3.4). Leaflet CRS.Simple puts lat up, so image pixel rows go negative.

export interface MapGeometry {
  imageWidth: number;
  imageHeight: number;
  /** Floor size in feet; when unknown, coordinates are taken as pixels. */
  widthFt: number | null;
  lengthFt: number | null;
}

/** [lat, lng] in CRS.Simple for a Cisco position in feet. */
export function feetToLatLng(g: MapGeometry, xFt: number, yFt: number): [number, number] {
  const sx = g.widthFt ? g.imageWidth / g.widthFt : 1;
  const sy = g.lengthFt ? g.imageHeight / g.lengthFt : 1;
  return [-yFt * sy, xFt * sx];
}

/** Bounds of the map image in CRS.Simple: top-left at (0, 0), bottom-right at (-height, width). */
export function imageBounds(g: MapGeometry): [[number, number], [number, number]] {
  return [
    [-g.imageHeight, 0],
    [0, g.imageWidth],
  ];
}
