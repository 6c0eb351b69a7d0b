import { z } from "zod";
import { parseStoredJson } from "./stored-json";

// An admin's correction of Cisco x/y onto the floor image, kept as data (MapImage.calibration) so a
// misaligned map is fixed without a deploy. Applied in feet, about the floor's centre, in this order:
// flip, rotate, scale, then offset.

export const calibrationSchema = z.object({
  /** Feet added along the floor's width (positive: to the right). */
  offsetX: z.number().min(-10_000).max(10_000).default(0),
  /** Feet added along the floor's length (positive: down). */
  offsetY: z.number().min(-10_000).max(10_000).default(0),
  /** Stretch about the centre: 1.1 spreads positions 10% further apart. */
  scale: z.number().min(0.1).max(10).default(1),
  /** Degrees, clockwise as seen on the map. */
  rotation: z.number().min(-360).max(360).default(0),
  /** Mirror left-right (x becomes width - x). */
  flipX: z.boolean().default(false),
  /** Mirror top-bottom (y becomes length - y). */
  flipY: z.boolean().default(false),
});

export type Calibration = z.infer<typeof calibrationSchema>;

export const IDENTITY_CALIBRATION: Calibration = Object.freeze({
  offsetX: 0,
  offsetY: 0,
  scale: 1,
  rotation: 0,
  flipX: false,
  flipY: false,
});

export function isIdentity(c: Calibration | null | undefined): boolean {
  return !c || (c.offsetX === 0 && c.offsetY === 0 && c.scale === 1 && c.rotation % 360 === 0 && !c.flipX && !c.flipY);
}

/** The stored JSON, or identity when there is none or it no longer parses (a bad row must not hide the map). */
export function parseCalibration(json: string | null | undefined): Calibration {
  return parseStoredJson(calibrationSchema, json, IDENTITY_CALIBRATION);
}
