import { isIdentity, type Calibration } from "./calibration";

// Cisco x/y are feet on the floor, origin top-left, x along the map's width and y along its length
// (the floor's mapDetails.dimension in feet; the axes are inferred, Cisco does not state them:
// docs/cisco-spaces.md, "Where we had to choose"). Leaflet CRS.Simple puts lat up, so image pixel rows go negative.
// Everything that places a Cisco position on the image goes through feetToImage, so the dots, the
// heat layer and the zone outlines can never disagree.

/** A floor plan's shape as Floorpulse stores it: the image in pixels and the floor in feet. */
export interface PlanGeometry {
  imageWidth: number;
  imageHeight: number;
  /**
   * Floor size in feet (mapDetails.dimension of LOCATION_CHANGE or Location Info; Map Image Info does
   * not document it). One side alone is completed from the image's aspect ratio; with neither,
   * coordinates are taken as pixels and an admin's calibration sets the scale.
   */
  widthFt: number | null;
  lengthFt: number | null;
  /** Where the image's top-left corner lies in Cisco's x/y (dimension.offsetX/offsetY); absent means 0. */
  offsetXFt: number | null;
  offsetYFt: number | null;
}

/** What places a Cisco position on the image: the plan's shape and the admin's correction. */
export interface MapGeometry extends Omit<PlanGeometry, "offsetXFt" | "offsetYFt"> {
  offsetXFt?: number | null;
  offsetYFt?: number | null;
  /** Admin correction; none means Cisco's coordinates are taken as they are. */
  calibration?: Calibration | null;
}

const positive = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null);
const finite = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Floor size in the units Cisco positions use: feet, or pixels when the size is unknown. */
export function floorSize(g: MapGeometry): { w: number; l: number; sx: number; sy: number } {
  let w = positive(g.widthFt);
  let l = positive(g.lengthFt);
  if (w !== null && l === null) l = (w * g.imageHeight) / g.imageWidth;
  if (l !== null && w === null) w = (l * g.imageWidth) / g.imageHeight;
  if (w === null || l === null) {
    w = g.imageWidth;
    l = g.imageHeight;
  }
  return { w, l, sx: g.imageWidth / w, sy: g.imageHeight / l };
}

/** Image pixel [x, y] (origin top-left) for a Cisco position in feet, calibration applied. */
export function feetToImage(g: MapGeometry, xCisco: number, yCisco: number): [number, number] {
  const { w, l, sx, sy } = floorSize(g);
  const xFt = xCisco - finite(g.offsetXFt);
  const yFt = yCisco - finite(g.offsetYFt);
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
  const ox = finite(g.offsetXFt);
  const oy = finite(g.offsetYFt);
  if (!c || isIdentity(c)) return [x0 + ox, y0 + oy];
  const cx = w / 2;
  const cy = l / 2;
  const dx = (x0 - c.offsetX - cx) / c.scale;
  const dy = (y0 - c.offsetY - cy) / c.scale;
  const rad = (c.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const x = cx + dx * cos + dy * sin;
  const y = cy - dx * sin + dy * cos;
  return [(c.flipX ? w - x : x) + ox, (c.flipY ? l - y : y) + oy];
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
