"use client";
import L from "leaflet";
import { useEffect, useRef } from "react";
import type { DevicePoint } from "@/lib/occupancy/types";
import { feetToLatLng, imageBounds, type MapGeometry } from "@/lib/maps/coords";

interface Props {
  imageUrl: string;
  geometry: MapGeometry;
  devices: Map<number, DevicePoint>;
  version: number;
}

const ANIMATION_MS = 900;

interface Dot {
  marker: L.CircleMarker;
  from: L.LatLng;
  to: L.LatLng;
  start: number;
}

/** The floor image in Leaflet CRS.Simple with one dot per device, eased between updates. */
export default function FloorMapCanvas({ imageUrl, geometry, devices, version }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const dots = useRef(new Map<number, Dot>());
  const frame = useRef<number | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const bounds = imageBounds(geometry);
    const m = L.map(el.current, { crs: L.CRS.Simple, minZoom: -3, maxZoom: 3, zoomSnap: 0.25, attributionControl: false });
    L.imageOverlay(imageUrl, bounds, { alt: "Floor plan" }).addTo(m);
    m.fitBounds(bounds);
    map.current = m;
    const current = dots.current;
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      current.clear();
      m.remove();
      map.current = null;
    };
  }, [imageUrl, geometry]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const now = performance.now();
    for (const [alias, dot] of dots.current) {
      if (!devices.has(alias)) {
        dot.marker.remove();
        dots.current.delete(alias);
      }
    }
    for (const [alias, [, x, y]] of devices) {
      const target = L.latLng(...feetToLatLng(geometry, x, y));
      const dot = dots.current.get(alias);
      if (!dot) {
        const marker = L.circleMarker(target, { radius: 6, weight: 1.5, color: "#0b5cad", fillColor: "#2f8cff", fillOpacity: 0.85, className: "fp-device" }).addTo(m);
        dots.current.set(alias, { marker, from: target, to: target, start: now });
      } else if (!dot.to.equals(target)) {
        dot.from = dot.marker.getLatLng();
        dot.to = target;
        dot.start = now;
      }
    }
    const step = (t: number) => {
      let moving = false;
      for (const dot of dots.current.values()) {
        const k = Math.min(1, (t - dot.start) / ANIMATION_MS);
        if (k < 1) moving = true;
        const e = k * (2 - k);
        dot.marker.setLatLng([dot.from.lat + (dot.to.lat - dot.from.lat) * e, dot.from.lng + (dot.to.lng - dot.from.lng) * e]);
      }
      frame.current = moving ? requestAnimationFrame(step) : null;
    };
    if (frame.current === null) frame.current = requestAnimationFrame(step);
  }, [devices, version, geometry]);

  return <div ref={el} className="floor-map" role="img" aria-label="Live floor map with device positions" />;
}
