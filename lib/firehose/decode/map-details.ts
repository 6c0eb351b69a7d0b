import { z } from "zod";

// A floor's size in feet and its offsets, as Cisco sends them in `mapDetails.dimension`
// {length, width, height, offsetX, offsetY} (LOCATION_CHANGE and Location Info; Cisco Spaces Firehose
// API, LocationDetails.MapDetails). Map Image Info documents only mapId, imageWidth and imageHeight,
// so the block may be missing, partly filled, zero or a string: every shape ends in one answer here.

const num = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().finite())
  .nullish()
  .catch(null);

export const dimensionSchema = z.object({ length: num, width: num, offsetX: num, offsetY: num }).nullish().catch(null);

export const mapDetailsSchema = z
  .object({
    mapId: z.string().catch(""),
    imageWidth: num,
    imageHeight: num,
    dimension: dimensionSchema,
  })
  .nullish()
  .catch(null);

/** What we keep of a floor's dimension: null sizes are unknown; offsets default to 0. */
export interface FloorDimension {
  widthFt: number | null;
  lengthFt: number | null;
  offsetXFt: number;
  offsetYFt: number;
}

const size = (v: number | null | undefined) => (typeof v === "number" && v > 0 ? v : null);

/**
 * The dimension Cisco sent, or null when it says nothing usable: no block, or neither size above
 * zero (a zero size is what proto3 sends for "not set"). Offsets only count when non-zero.
 */
export function floorDimensionOf(d: z.infer<typeof dimensionSchema>): FloorDimension | null {
  if (!d) return null;
  const widthFt = size(d.width);
  const lengthFt = size(d.length);
  if (widthFt === null && lengthFt === null) return null;
  return { widthFt, lengthFt, offsetXFt: d.offsetX || 0, offsetYFt: d.offsetY || 0 };
}

export function sameDimension(a: FloorDimension | null, b: FloorDimension | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.widthFt === b.widthFt && a.lengthFt === b.lengthFt && a.offsetXFt === b.offsetXFt && a.offsetYFt === b.offsetYFt
  );
}
