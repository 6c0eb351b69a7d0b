import L from "leaflet";
import type { DevicePoint } from "@/lib/occupancy/types";
import { feetToImage, type MapGeometry } from "@/lib/maps/coords";
import { createDotMotion, positionsHash } from "./dot-motion";
import { dotRadius, makeStamp, stampDots, type Affine, type Stamp } from "./draw";
import { densityGrid, heatPixels } from "./heat";

// One canvas over the whole map for every device dot and the heat surface: no Leaflet marker per
// device. It sits above the floor image and zone outlines, below the controls, lets the pointer
// through, and redraws on pan, zoom and resize, and on every animation frame while dots move.

export interface DrawStats {
  count: number;
  hash: string;
}

export interface LayerStyle {
  fill: string;
  stroke: string;
}

export class FloorCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private heat: HTMLCanvasElement | null = null;
  /** The dots of the current frame, as pixels, drawn onto the visible canvas in one call. */
  private dots: { canvas: HTMLCanvasElement; image: ImageData } | null = null;
  private stamp: { key: string; stamp: Stamp } | null = null;
  private heatGeom: { w: number; h: number } | null = null;
  private motion = createDotMotion();
  private frameId: number | null = null;
  private points: DevicePoint[] = [];
  private lastStats = 0;
  private settledReported = false;
  private drawn = 0;
  private layers = { dots: true, heat: false };

  constructor(
    private geometry: MapGeometry,
    private style: LayerStyle,
    private onStats: (s: DrawStats) => void,
  ) {
    super();
  }

  override onAdd(map: L.Map): this {
    const canvas = document.createElement("canvas");
    canvas.className = "fp-canvas-layer";
    canvas.setAttribute("aria-hidden", "true");
    map.getContainer().appendChild(canvas);
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    map.on("move zoom resize viewreset", this.schedule, this);
    this.resize();
    this.schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("move zoom resize viewreset", this.schedule, this);
    if (this.frameId !== null) cancelAnimationFrame(this.frameId);
    this.frameId = null;
    this.canvas?.remove();
    this.canvas = null;
    this.ctx = null;
    return this;
  }

  setPoints(points: DevicePoint[]): void {
    this.points = points;
    const projected = points.map(([alias, x, y]) => [alias, ...feetToImage(this.geometry, x, y)] as const);
    this.motion.setTargets(projected, performance.now());
    this.rebuildHeat();
    this.settledReported = false;
    this.schedule();
  }

  setGeometry(g: MapGeometry): void {
    this.geometry = g;
    this.setPoints(this.points);
  }

  setLayers(layers: { dots: boolean; heat: boolean }): void {
    this.layers = layers;
    this.rebuildHeat();
    this.schedule();
  }

  setStyle(style: LayerStyle): void {
    this.style = style;
    this.schedule();
  }

  private rebuildHeat(): void {
    if (!this.layers.heat) return;
    const { imageWidth: w, imageHeight: h } = this.geometry;
    // About 160 cells across the long side; the blur spreads each device over roughly 5% of it.
    const cell = Math.max(2, Math.round(Math.max(w, h) / 160));
    const xs = new Float64Array(this.points.length);
    const ys = new Float64Array(this.points.length);
    this.points.forEach(([, x, y], i) => ([xs[i], ys[i]] = feetToImage(this.geometry, x, y)));
    const grid = densityGrid(xs, ys, this.points.length, w, h, cell, 3);
    const heat = this.heat ?? document.createElement("canvas");
    heat.width = grid.cols;
    heat.height = grid.rows;
    heat.getContext("2d")?.putImageData(new ImageData(heatPixels(grid), grid.cols, grid.rows), 0, 0);
    this.heat = heat;
    this.heatGeom = { w: grid.cols * cell, h: grid.rows * cell };
  }

  private resize(): void {
    const map = this._map as L.Map | undefined;
    if (!map || !this.canvas) return;
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(size.x * dpr) || this.canvas.height !== Math.round(size.y * dpr)) {
      this.canvas.width = Math.round(size.x * dpr);
      this.canvas.height = Math.round(size.y * dpr);
      this.canvas.style.width = `${size.x}px`;
      this.canvas.style.height = `${size.y}px`;
    }
  }

  private schedule(): void {
    if (this.frameId === null && this.canvas) this.frameId = requestAnimationFrame(this.draw);
  }

  private affine(map: L.Map): Affine {
    // CRS.Simple: image pixel (x, y) is latLng(-y, x). latLngToContainerPoint rounds to whole pixels,
    // so project without rounding and measure the scale across the whole image.
    const { imageWidth: w, imageHeight: h } = this.geometry;
    const p0 = map.project([0, 0]);
    const p1 = map.project([-h, w]);
    const shift = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
    return { a: (p1.x - p0.x) / w, b: (p1.y - p0.y) / h, c: p0.x - shift.x, d: p0.y - shift.y };
  }

  private draw = (now: number): void => {
    this.frameId = null;
    const map = this._map as L.Map | undefined;
    const ctx = this.ctx;
    if (!map || !ctx || !this.canvas) return;
    const drawStart = performance.now();
    this.resize();
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    const t = this.affine(map);
    if (this.layers.heat && this.heat && this.heatGeom) {
      ctx.save();
      ctx.imageSmoothingEnabled = true;
      ctx.globalAlpha = 0.85;
      ctx.drawImage(this.heat, t.c, t.d, t.a * this.heatGeom.w, t.b * this.heatGeom.h);
      ctx.restore();
    }
    const f = this.motion.frame(now);
    if (this.layers.dots && f.n > 0) {
      const w = this.canvas.width;
      const h = this.canvas.height;
      if (!this.dots || this.dots.canvas.width !== w || this.dots.canvas.height !== h) {
        const canvas = this.dots?.canvas ?? document.createElement("canvas");
        canvas.width = w;
        canvas.height = h;
        this.dots = { canvas, image: new ImageData(w, h) };
      }
      const radius = dotRadius(t.a, f.n) * dpr;
      const key = `${radius.toFixed(2)}|${this.style.fill}|${this.style.stroke}|${dpr}`;
      if (this.stamp?.key !== key)
        this.stamp = { key, stamp: makeStamp(radius, this.style.fill, this.style.stroke, 1.25 * dpr) };
      const img = this.dots.image;
      img.data.fill(0);
      stampDots(
        img.data,
        w,
        h,
        f.xs,
        f.ys,
        f.n,
        { a: t.a * dpr, b: t.b * dpr, c: t.c * dpr, d: t.d * dpr },
        this.stamp.stamp,
      );
      this.dots.canvas.getContext("2d")?.putImageData(img, 0, 0);
      ctx.drawImage(this.dots.canvas, 0, 0, size.x, size.y);
    }
    // One User Timing entry per frame drawn, read by `npm run bench` through a PerformanceObserver;
    // cleared every 600 frames so a page left open does not keep them all.
    performance.measure("fp:map-draw", { start: drawStart, detail: { dots: f.n } });
    if (++this.drawn % 600 === 0) performance.clearMeasures("fp:map-draw");
    if (f.moving) this.schedule();
    // Report what was drawn a few times a second, and always once the dots have settled.
    if ((!f.moving && !this.settledReported) || now - this.lastStats > 250) {
      this.lastStats = now;
      this.settledReported = !f.moving;
      this.onStats({ count: this.layers.dots ? f.n : 0, hash: positionsHash(f.xs, f.ys, f.n) });
    }
  };
}
