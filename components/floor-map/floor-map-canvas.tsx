"use client";
import L from "leaflet";
import { useEffect, useRef } from "react";
import type { DevicePoint } from "@/lib/occupancy/types";
import { feetToLatLng, imageBounds, latLngToFeet, type MapGeometry } from "@/lib/maps/coords";
import type { Polygon } from "@/lib/maps/polygon";
import type { Band } from "@/lib/alerts/level";
import { FloorCanvasLayer, type DrawStats } from "./canvas-layer";

export interface ZoneShape {
  id: string;
  name: string;
  polygon: Polygon;
  band: Band;
  /** Short text on the map: the count and its band. */
  label: string;
}

export interface FloorMapProps {
  imageUrl: string;
  geometry: MapGeometry;
  points: DevicePoint[];
  layers: { dots: boolean; heat: boolean; zones: boolean };
  zones: ZoneShape[];
  /** A zone outline being drawn, in feet. */
  draft: Polygon | null;
  onMapClick?: (feet: [number, number]) => void;
  onZoneSelect?: (id: string) => void;
  /** Changes when the theme does, so the dot colours are read again. */
  theme: string;
  label: string;
  /** Whether the points are live or a recorded moment (time travel). */
  mode?: "live" | "past";
}

const cssVar = (el: Element, name: string, fallback: string) =>
  getComputedStyle(el).getPropertyValue(name).trim() || fallback;

/** The floor image in Leaflet CRS.Simple, zone outlines in SVG, and every device on one canvas. */
export default function FloorMapCanvas(p: FloorMapProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<FloorCanvasLayer | null>(null);
  const zoneGroup = useRef<L.LayerGroup | null>(null);
  const draftGroup = useRef<L.LayerGroup | null>(null);
  const latest = useRef(p);
  latest.current = p;
  const { imageWidth, imageHeight } = p.geometry;

  useEffect(() => {
    if (!el.current || !wrap.current) return;
    const g = latest.current.geometry;
    const bounds = imageBounds(g);
    // No CSS zoom or fade animation: the canvas redraws at each zoom step instead of lagging behind,
    // and a replaced zone label goes at once instead of fading out beside its successor.
    const m = L.map(el.current, {
      crs: L.CRS.Simple,
      minZoom: -4,
      maxZoom: 4,
      zoomSnap: 0.25,
      zoomAnimation: false,
      fadeAnimation: false,
      attributionControl: false,
      keyboard: true,
    });
    L.imageOverlay(latest.current.imageUrl, bounds, { alt: "" }).addTo(m);
    m.fitBounds(bounds);
    m.setMaxBounds(L.latLngBounds(bounds).pad(0.5));
    const w = wrap.current;
    const report = (s: DrawStats) => {
      w.dataset.dotCount = String(s.count);
      w.dataset.dotHash = s.hash;
    };
    const style = () => ({ fill: cssVar(w, "--dot-fill", "#1d6fe0"), stroke: cssVar(w, "--dot-stroke", "#ffffff") });
    const canvas = new FloorCanvasLayer(g, style(), report);
    canvas.addTo(m);
    zoneGroup.current = L.layerGroup().addTo(m);
    draftGroup.current = L.layerGroup().addTo(m);
    m.on("click", (e: L.LeafletMouseEvent) =>
      latest.current.onMapClick?.(latLngToFeet(latest.current.geometry, e.latlng.lat, e.latlng.lng)),
    );
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el.current);
    map.current = m;
    layer.current = canvas;
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [p.imageUrl, imageWidth, imageHeight]);

  useEffect(() => {
    layer.current?.setGeometry(p.geometry);
  }, [p.geometry]);

  useEffect(() => {
    layer.current?.setPoints(p.points);
  }, [p.points]);

  useEffect(() => {
    layer.current?.setLayers({ dots: p.layers.dots, heat: p.layers.heat });
  }, [p.layers.dots, p.layers.heat]);

  useEffect(() => {
    const w = wrap.current;
    if (w)
      layer.current?.setStyle({
        fill: cssVar(w, "--dot-fill", "#1d6fe0"),
        stroke: cssVar(w, "--dot-stroke", "#ffffff"),
      });
  }, [p.theme]);

  useEffect(() => {
    const group = zoneGroup.current;
    const m = map.current;
    if (!group || !m) return;
    group.clearLayers();
    if (!p.layers.zones) return;
    const shapes = p.zones.map((z) => {
      const poly = L.polygon(
        z.polygon.map(([x, y]) => feetToLatLng(p.geometry, x, y)),
        { className: `fp-zone fp-zone--${z.band}`, weight: 2.5, fillOpacity: 0.18, bubblingMouseEvents: false },
      );
      poly.on("click", () => latest.current.onZoneSelect?.(z.id));
      // Bound to the outline, so the label goes when the outline does.
      poly.bindTooltip("", {
        permanent: true,
        direction: "center",
        className: `fp-zone-label fp-zone-label--${z.band}`,
        interactive: false,
      });
      poly.addTo(group);
      return { poly, z };
    });
    // The full label where the outline is wide enough on screen, else the count alone: small rooms
    // must not cover their neighbours (the zone list beside the map always has the full story).
    const relabel = () => {
      for (const { poly, z } of shapes) {
        const b = poly.getBounds();
        const width = m.latLngToContainerPoint(b.getNorthEast()).x - m.latLngToContainerPoint(b.getSouthWest()).x;
        const count = z.label.split(" · ")[0]!;
        const fits = (text: string) => width > text.length * 6.6 + 18;
        const text = [`${z.name} · ${z.label}`, `${z.name} · ${count}`].find(fits) ?? count;
        poly.setTooltipContent(escapeHtml(text));
      }
    };
    relabel();
    m.on("zoomend", relabel);
    return () => {
      m.off("zoomend", relabel);
    };
  }, [p.zones, p.layers.zones, p.geometry]);

  useEffect(() => {
    const group = draftGroup.current;
    const m = map.current;
    if (!group || !m) return;
    group.clearLayers();
    m.getContainer().classList.toggle("floor-map--drawing", p.draft !== null);
    if (!p.draft) return;
    const latlngs = p.draft.map(([x, y]) => feetToLatLng(p.geometry, x, y));
    if (latlngs.length > 1)
      L.polygon(latlngs, {
        className: "fp-draft",
        weight: 2,
        dashArray: "6 4",
        fillOpacity: 0.1,
        interactive: false,
      }).addTo(group);
    for (const ll of latlngs)
      L.circleMarker(ll, { radius: 5, className: "fp-draft-vertex", interactive: false }).addTo(group);
  }, [p.draft, p.geometry]);

  return (
    <div
      ref={wrap}
      className="floor-map"
      data-testid="floor-map"
      data-dot-count="0"
      data-dot-hash=""
      data-mode={p.mode ?? "live"}
      data-heat={p.layers.heat ? "on" : "off"}
    >
      <div ref={el} className="floor-map__leaflet" role="application" aria-roledescription="map" aria-label={p.label} />
    </div>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
