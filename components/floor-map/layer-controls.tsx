"use client";
import { HEAT_STOPS } from "./heat";

export interface Layers {
  dots: boolean;
  heat: boolean;
  zones: boolean;
}

const gradient = `linear-gradient(90deg, ${HEAT_STOPS.map(([s, [r, g, b]]) => `rgb(${r} ${g} ${b}) ${s * 100}%`).join(", ")})`;

/** Which layers are drawn, and what each mark on the map means. */
export function LayerControls({
  layers,
  onChange,
  hasZones,
}: {
  layers: Layers;
  onChange: (l: Layers) => void;
  hasZones: boolean;
}) {
  const toggle = (k: keyof Layers) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...layers, [k]: e.target.checked });
  return (
    <div className="map-controls">
      <fieldset className="layer-toggles">
        <legend>Layers</legend>
        <label>
          <input type="checkbox" checked={layers.dots} onChange={toggle("dots")} /> Devices
        </label>
        <label>
          <input type="checkbox" checked={layers.heat} onChange={toggle("heat")} /> Heat
        </label>
        <label>
          <input type="checkbox" checked={layers.zones} onChange={toggle("zones")} disabled={!hasZones} /> Zones
        </label>
      </fieldset>
      <ul className="legend" aria-label="Legend">
        <li>
          <span className="legend__dot" aria-hidden="true" /> A device located by Wi-Fi (anonymous)
        </li>
        <li>
          <span className="legend__heat" style={{ background: gradient }} aria-hidden="true" /> Heat: few → many devices
        </li>
        <li>
          <span className="legend__zone legend__zone--ok" aria-hidden="true" /> Comfortable
          <span className="legend__zone legend__zone--busy" aria-hidden="true" /> Busy
          <span className="legend__zone legend__zone--full" aria-hidden="true" /> Full
          <span className="legend__zone legend__zone--unknown" aria-hidden="true" /> No capacity set
        </li>
      </ul>
    </div>
  );
}
