import type { FloorPlan } from "./building";

/** The floor plan as an SVG image, sized imageWidth x imageHeight pixels. */
export function floorSvg(floor: FloorPlan): string {
  const sx = floor.imageWidth / floor.widthFt;
  const sy = floor.imageHeight / floor.lengthFt;
  const rooms = floor.rooms
    .map(
      (r) =>
        `<rect x="${r.x * sx}" y="${r.y * sy}" width="${r.w * sx}" height="${r.h * sy}" rx="6" fill="#f4f6f8" stroke="#8a94a3" stroke-width="3"/>` +
        `<text x="${(r.x + 3) * sx}" y="${(r.y + 6) * sy}" font-family="sans-serif" font-size="20" fill="#5b6573">${r.name}</text>`,
    )
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${floor.imageWidth}" height="${floor.imageHeight}" viewBox="0 0 ${floor.imageWidth} ${floor.imageHeight}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<rect x="4" y="4" width="${floor.imageWidth - 8}" height="${floor.imageHeight - 8}" fill="none" stroke="#3c4654" stroke-width="6"/>` +
    rooms +
    `<text x="${floor.imageWidth - 24}" y="${floor.imageHeight - 24}" text-anchor="end" font-family="sans-serif" font-size="28" fill="#3c4654">${floor.name}</text>` +
    `</svg>`
  );
}
