import { isIdentity, type Calibration } from "./calibration";

// Cisco x/y are feet on the floor, origin top-left, x along the map's width and y along its length
// (inferred: Cisco does not state it; docs/cisco-spaces.md, "Where we had to choose"). Leaflet CRS.Simple puts lat up, so image pixel rows go negative.
// Everything that places a Cisco position on the image goes through feetToImage, so the dots, the
// heat layer and the zone outlines can never disagree.

export interface MapGeometry {
  imageWidth: number;
  imageHeight: number;
  /** Floor size in feet; when unknown, coordinates are taken as pixels. */
  widthFt: number | null;
  lengthFt: number | null;
  /** Admin correction; none means Cisco's coordinates are taken as they are. */
  calibration?: Calibration | null;
}

/** Floor size in the units Cisco positions use: feet, or pixels when the size is unknown. */
function floorSize(g: MapGeometry): { w: number; l: number; sx: number; sy: number } {
  const w = g.widthFt || g.imageWidth;
  const l = g.lengthFt || g.imageHeight;
  return { w, l, sx: g.imageWidth / w, sy: g.imageHeight / l };
}

/** Image pixel [x, y] (origin top-left) for a Cisco position in feet, calibration applied. */
export function feetToImage(g: MapGeometry, xFt: number, yFt: number): [number, number] {
  const { w, l, sx, sy } = floorSize(g);
  const c = g.calibration;
  if (!c || isIdentity(c)) return [xFt * sx, yFt * sy];
  const cx = w / 2;
  const cy = l / 2;
  let x = c.flipX ? w - xFt : xFt;
  let y = c.flipY ? l - yFt : yFt;
  const rad = (c.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const dx = x - cx;
  const dy = y - cy;
  // y grows downwards, so this standard rotation turns clockwise on screen.
  x = cx + (dx * cos - dy * sin) * c.scale + c.offsetX;
  y = cy + (dx * sin + dy * cos) * c.scale + c.offsetY;
  return [x * sx, y * sy];
}

/** The Cisco position in feet that lands on image pixel [x, y]: the exact inverse of feetToImage. */
export function imageToFeet(g: MapGeometry, px: number, py: number): [number, number] {
  const { w, l, sx, sy } = floorSize(g);
  const c = g.calibration;
  const x0 = px / sx;
  const y0 = py / sy;
  if (!c || isIdentity(c)) return [x0, y0];
  const cx = w / 2;
  const cy = l / 2;
  const dx = (x0 - c.offsetX - cx) / c.scale;
  const dy = (y0 - c.offsetY - cy) / c.scale;
  const rad = (c.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const x = cx + dx * cos + dy * sin;
  const y = cy - dx * sin + dy * cos;
  return [c.flipX ? w - x : x, c.flipY ? l - y : y];
}

/** [lat, lng] in CRS.Simple for a Cisco position in feet. */
export function feetToLatLng(g: MapGeometry, xFt: number, yFt: number): [number, number] {
  const [x, y] = feetToImage(g, xFt, yFt);
  return [-y, x];
}

/** The Cisco position in feet under a CRS.Simple [lat, lng] (where an admin clicked). */
export function latLngToFeet(g: MapGeometry, lat: number, lng: number): [number, number] {
  return imageToFeet(g, lng, -lat);
}

/** Bounds of the map image in CRS.Simple: top-left at (0, 0), bottom-right at (-height, width). */
export function imageBounds(g: MapGeometry): [[number, number], [number, number]] {
  return [
    [-g.imageHeight, 0],
    [0, g.imageWidth],
  ];
}
