import type { Floor, Tenant } from "./campus";
import { escapeHtml } from "./http";
import type { StructureVersion } from "./structure";

// The floor plan as an SVG image drawn to scale: imageWidth x imageHeight pixels for the floor's
// width x length in feet, so x/y in feet map to pixels by one factor on each axis.

const FILL: Record<string, string> = {
  open: "#eef3f8",
  meeting: "#f6efe6",
  cafe: "#eef6ec",
  lab: "#f3eef8",
  reception: "#f8f4e6",
  lounge: "#e9f5f5",
};

/**
 * The floor's mapDetails of LOCATION_CHANGE and Location Info: the map, and the floor's size in feet
 * unless the simulator runs without it (a deployment that sends no dimension, which the app must survive).
 */
export function mapDetails(f: Floor, withDimension = true) {
  return {
    mapId: f.mapId,
    imageWidth: f.imageWidth,
    imageHeight: f.imageHeight,
    mimeType: "image/svg+xml",
    ...(withDimension
      ? { dimension: { length: f.lengthFt, width: f.widthFt, height: 10, offsetX: 0, offsetY: 0 } }
      : {}),
  };
}

export function floorSvg(t: Tenant, v: StructureVersion, floor: Floor): string {
  const s = floor.imageWidth / floor.widthFt;
  const px = (ft: number) => Math.round(ft * s * 10) / 10;
  const parts: string[] = [];
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(
    `<rect x="${px(1)}" y="${px(1)}" width="${px(floor.widthFt - 2)}" height="${px(floor.lengthFt - 2)}" fill="#fbfbfc" stroke="#2f3a48" stroke-width="${px(1.2)}"/>`,
  );
  const c = floor.core;
  parts.push(
    `<rect x="${px(c.x)}" y="${px(c.y)}" width="${px(c.w)}" height="${px(c.h)}" fill="#e4e6ea" stroke="#8a94a3" stroke-width="2"/>`,
  );
  for (let i = 1; i < 6; i++)
    parts.push(
      `<line x1="${px(c.x + 2)}" y1="${px(c.y + (c.h * i) / 6)}" x2="${px(c.x + 14)}" y2="${px(c.y + (c.h * i) / 6)}" stroke="#9aa3b0" stroke-width="2"/>`,
    );
  parts.push(
    `<text x="${px(c.x + 18)}" y="${px(c.y + c.h / 2)}" font-family="sans-serif" font-size="${px(3)}" fill="#5b6573">Stairs · WC</text>`,
  );
  for (const zi of v.floorZones[floor.index]!) {
    const z = t.zones[zi]!;
    const r = z.rect;
    const name = v.node(z.locationId)?.name ?? z.name;
    parts.push(
      `<rect x="${px(r.x)}" y="${px(r.y)}" width="${px(r.w)}" height="${px(r.h)}" rx="4" fill="${FILL[z.kind] ?? "#f4f6f8"}" stroke="#6b7686" stroke-width="${px(0.5)}"/>`,
    );
    // A door gap on the side facing the corridor.
    parts.push(
      `<line x1="${px(r.x + r.w / 2 - 2)}" y1="${px(r.y + r.h)}" x2="${px(r.x + r.w / 2 + 2)}" y2="${px(r.y + r.h)}" stroke="#fbfbfc" stroke-width="${px(0.8)}"/>`,
    );
    if (z.kind === "open" || z.kind === "lab") {
      for (let y = r.y + 12; y + 6 < r.y + r.h; y += 14) {
        for (let x = r.x + 6; x + 10 < r.x + r.w; x += 16)
          parts.push(`<rect x="${px(x)}" y="${px(y)}" width="${px(10)}" height="${px(5)}" fill="#d9e0e8"/>`);
      }
    }
    if (z.kind === "meeting") {
      parts.push(
        `<rect x="${px(r.x + r.w * 0.2)}" y="${px(r.y + r.h * 0.35)}" width="${px(r.w * 0.6)}" height="${px(r.h * 0.3)}" rx="${px(2)}" fill="#d8c9b4"/>`,
      );
    }
    if (z.kind === "cafe" || z.kind === "lounge") {
      for (let y = r.y + 14; y + 4 < r.y + r.h; y += 12) {
        for (let x = r.x + 8; x + 4 < r.x + r.w; x += 14)
          parts.push(`<circle cx="${px(x)}" cy="${px(y)}" r="${px(2.5)}" fill="#d5dccf"/>`);
      }
    }
    const size = Math.min(3.2, (r.w - 3) / (name.length * 0.55));
    parts.push(
      `<text x="${px(r.x + 1.5)}" y="${px(r.y + 1.5 + size)}" font-family="sans-serif" font-size="${px(size)}" fill="#3c4654">${escapeHtml(name)}</text>`,
    );
  }
  // Scale bar: 20 feet.
  const bx = px(4);
  const by = px(floor.lengthFt - 4);
  parts.push(`<line x1="${bx}" y1="${by}" x2="${bx + px(20)}" y2="${by}" stroke="#2f3a48" stroke-width="3"/>`);
  parts.push(
    `<text x="${bx}" y="${by - px(1.2)}" font-family="sans-serif" font-size="${px(2.6)}" fill="#2f3a48">20 ft</text>`,
  );
  const floorName = v.node(floor.locationId)?.name ?? floor.name;
  parts.push(
    `<text x="${px(floor.widthFt - 4)}" y="${px(floor.lengthFt - 4)}" text-anchor="end" font-family="sans-serif" font-size="${px(4.5)}" fill="#2f3a48">${escapeHtml(floorName)}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${floor.imageWidth}" height="${floor.imageHeight}" viewBox="0 0 ${floor.imageWidth} ${floor.imageHeight}">` +
    parts.join("") +
    `</svg>`
  );
}
