import type { Calibration } from "./calibration";
import type { PlanGeometry } from "./coords";

/** A floor plan as a page draws it: its image's URL, its shape and the admin's calibration. */
export interface FloorPlan<C extends Calibration | null = Calibration | null> extends PlanGeometry {
  mapId: string;
  url: string;
  calibration: C;
}

/** The plan a page is given: the stored geometry (and nothing else of the row), served from `url`. */
export function planOf<C extends Calibration | null>(
  meta: PlanGeometry & { mapId: string },
  url: string,
  calibration: C,
): FloorPlan<C> {
  const { mapId, imageWidth, imageHeight, widthFt, lengthFt, offsetXFt, offsetYFt } = meta;
  return { mapId, url, imageWidth, imageHeight, widthFt, lengthFt, offsetXFt, offsetYFt, calibration };
}
