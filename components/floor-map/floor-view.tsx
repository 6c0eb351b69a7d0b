"use client";
import { useCallback, useMemo, useState } from "react";
import type { AlertRow } from "@/lib/store/alerts";
import { bandOf, effectiveTarget } from "@/lib/alerts/level";
import type { Calibration } from "@/lib/maps/calibration";
import type { MapGeometry } from "@/lib/maps/coords";
import type { FloorPlan } from "@/lib/maps/plan";
import type { LocationSettings } from "@/lib/store/location-settings";
import type { Polygon } from "@/lib/maps/polygon";
import { freshness } from "@/lib/occupancy/present";
import type { LocationView } from "@/lib/realtime/protocol";
import { HistoryPanel } from "@/components/charts/history-panel";
import { LocationHead } from "@/components/location-tree/location-head";
import { LocationLayout } from "@/components/location-tree/location-layout";
import { useLiveLocations, type SettingsById } from "@/components/location-tree/use-live-locations";
import { useFloorDevices } from "@/components/realtime/use-floor-devices";
import { TimeSlider } from "@/components/time-travel/time-slider";
import { useTimeTravel } from "@/components/time-travel/use-time-travel";
import { AlertsPanel } from "@/components/ui/alerts-panel";
import { sendJson } from "@/components/ui/api";
import type { PastCount } from "@/components/ui/occupancy-figure";
import { useResolvedTheme } from "@/components/ui/theme";
import { useCapacityAlerts } from "@/components/ui/use-capacity-alerts";
import { CalibrationForm } from "./calibration-form";
import { CapacityForm } from "@/components/ui/capacity-form";
import { DrawingBar } from "./drawing-bar";
import { FloorMap } from "./floor-map";
import type { ZoneShape } from "./floor-map-canvas";
import { LayerControls, type Layers } from "./layer-controls";
import { ZoneList } from "./zone-list";

export type FloorMapMeta = FloorPlan<Calibration>;

interface Props {
  floorId: string;
  locations: LocationView[];
  settings: SettingsById;
  map: FloorMapMeta | null;
  alerts: AlertRow[];
  canEdit: boolean;
  /** Oldest moment time travel can show; null before anything was stored. */
  earliest: number | null;
  /** The building's IANA zone: time travel's moments are on its clock. */
  timeZone?: string;
}

const EMPTY: LocationSettings = { capacity: null, targetCapacity: null, polygon: null };
const collator = new Intl.Collator(undefined, { numeric: true });

/** A floor: live map with dots, heat and zones; counts with source and freshness; time travel; history; admin tools. */
export function FloorView({
  floorId,
  locations,
  settings: initialSettings,
  map,
  alerts,
  canEdit,
  earliest,
  timeZone,
}: Props) {
  const live = useLiveLocations(locations, initialSettings);
  const floor = live.locations[floorId] ?? locations.find((l) => l.id === floorId)!;
  const settings = live.settings;
  const floorSettings = settings[floorId] ?? EMPTY;
  const { devices, version, error } = useFloorDevices(floorId);
  const travel = useTimeTravel(floorId);
  const theme = useResolvedTheme();
  const [layers, setLayers] = useState<Layers>({ dots: true, heat: false, zones: true });
  const [calibration, setCalibration] = useState<Calibration | null>(map?.calibration ?? null);
  const [savedCalibration, setSavedCalibration] = useState<Calibration | null>(map?.calibration ?? null);
  const [selected, setSelected] = useState<string | null>(null);
  const [drawing, setDrawing] = useState<{ zoneId: string; draft: Polygon } | null>(null);
  const [drawState, setDrawState] = useState<{ saving: boolean; error: string | null }>({ saving: false, error: null });

  const zones = useMemo(
    () =>
      Object.values(live.locations)
        .filter((l) => l.parentId === floorId)
        .sort((a, b) => collator.compare(a.name, b.name)),
    [live.locations, floorId],
  );
  const scopeIds = useMemo(() => new Set([floorId, ...zones.map((z) => z.id)]), [floorId, zones]);
  const active = useCapacityAlerts(live.counts, settings, scopeIds);
  const names = useMemo(
    () => Object.fromEntries(Object.values(live.locations).map((l) => [l.id, l.name])),
    [live.locations],
  );

  const past: Record<string, PastCount> | null = useMemo(() => {
    if (travel.at === null || !travel.frame) return null;
    return Object.fromEntries(
      Object.entries(travel.frame.counts).map(([id, c]) => [id, { count: c.count, minute: c.minute, label: c.label }]),
    );
  }, [travel.at, travel.frame]);
  const inPast = travel.at !== null;

  // `devices` is one Map mutated in place; `version` is what says it changed.
  const livePoints = useMemo(() => [...devices.values()], [devices, version]);
  const points = inPast ? (travel.frame?.points ?? []) : livePoints;

  const geometry: MapGeometry | null = useMemo(() => (map ? { ...map, calibration } : null), [map, calibration]);

  const zoneShapes: ZoneShape[] = useMemo(
    () =>
      zones.flatMap((z) => {
        const s = settings[z.id];
        if (!s?.polygon) return [];
        const c = past ? past[z.id] : live.counts[z.id];
        const hasData = past ? Boolean(past[z.id]) : Boolean(c && (c as { source: unknown }).source !== null);
        const count = c?.count ?? 0;
        const band = hasData ? bandOf(count, s).band : "unknown";
        const stale = !past && c && freshness(c as Parameters<typeof freshness>[0], Date.now()).state === "stale";
        return [
          {
            id: z.id,
            name: z.name,
            polygon: s.polygon,
            band,
            label: hasData ? `${count} · ${bandOf(count, s).word}${stale ? " · stale" : ""}` : "no data",
          },
        ];
      }),
    [zones, settings, past, live.counts],
  );

  const saveOutline = useCallback(
    async (zoneId: string, polygon: Polygon | null) => {
      setDrawState({ saving: true, error: null });
      const r = await sendJson<LocationSettings>("PUT", `/api/locations/${encodeURIComponent(zoneId)}`, { polygon });
      if (!r.ok) return setDrawState({ saving: false, error: r.message });
      live.applySaved(zoneId, {
        capacity: r.data.capacity,
        targetCapacity: r.data.targetCapacity,
        polygon: r.data.polygon,
      });
      setDrawState({ saving: false, error: null });
      setDrawing(null);
    },
    [live],
  );

  const drawingZone = drawing ? zones.find((z) => z.id === drawing.zoneId) : undefined;
  const floorCount = past ? past[floorId] : undefined;
  const deviceWords = `${points.length} device${points.length === 1 ? "" : "s"} on the map${inPast ? " then" : ""}`;

  return (
    <LocationLayout live={live} currentId={floorId} crumbsId={floorId}>
      <LocationHead
        title={floor.name}
        id={floorId}
        live={live}
        setting={floorSettings}
        testId="floor-count"
        past={inPast ? (floorCount ?? { count: 0, minute: travel.at ?? 0, label: null }) : undefined}
      >
        <span className="floor-head__devices" data-testid="device-count">
          {deviceWords}
        </span>
      </LocationHead>
      <AlertsPanel active={active} history={alerts} names={names} settingsOf={(id) => settings[id] ?? EMPTY} />
      {live.error && (
        <p className="error" role="alert">
          Live counts are unavailable: {live.error}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          Live positions are unavailable: {error}
        </p>
      )}

      <div className="floor-grid">
        <section className="panel map-panel" aria-label="Floor map">
          <LayerControls layers={layers} onChange={setLayers} hasZones={zoneShapes.length > 0} />
          <TimeSlider travel={travel} earliest={earliest} timeZone={timeZone} />
          {drawing && drawingZone && (
            <DrawingBar
              zoneName={drawingZone.name}
              draft={drawing.draft}
              saving={drawState.saving}
              error={drawState.error}
              onUndo={() => setDrawing((d) => (d ? { ...d, draft: d.draft.slice(0, -1) } : d))}
              onCancel={() => {
                setDrawing(null);
                setDrawState({ saving: false, error: null });
              }}
              onFinish={(p) => void saveOutline(drawing.zoneId, p)}
            />
          )}
          {map && geometry ? (
            <FloorMap
              imageUrl={map.url}
              geometry={geometry}
              points={points}
              layers={layers}
              zones={zoneShapes}
              draft={drawing?.draft ?? null}
              onMapClick={
                drawing
                  ? (f) => setDrawing((d) => (d ? { ...d, draft: [...d.draft, [round1(f[0]), round1(f[1])]] } : d))
                  : undefined
              }
              onZoneSelect={setSelected}
              theme={theme}
              mode={inPast ? "past" : "live"}
              label={`${floor.name}: floor plan with ${deviceWords}${inPast ? " at the chosen moment" : ""}. Use arrow keys to pan and plus or minus to zoom.`}
            />
          ) : (
            <p className="empty" role="status">
              The floor plan has not been fetched from Cisco Spaces yet; counts are live. The map appears once Cisco
              Spaces serves this floor&apos;s image.
            </p>
          )}
        </section>

        <aside className="panel floor-side" aria-label="Zones and capacity">
          <h2>Zones</h2>
          <ZoneList
            zones={zones}
            counts={live.counts}
            past={past}
            settings={settings}
            canEdit={canEdit}
            selectedId={selected}
            drawingId={drawing?.zoneId ?? null}
            onSelect={setSelected}
            onDraw={(id) => setDrawing({ zoneId: id, draft: [] })}
            onRemoveOutline={(id) => void saveOutline(id, null)}
            onSaved={live.applySaved}
          />
          <h2>Floor capacity</h2>
          {canEdit ? (
            <CapacityForm
              locationId={floorId}
              name={floor.name}
              settings={floorSettings}
              onSaved={(s) => live.applySaved(floorId, s)}
            />
          ) : (
            <p className="hint">
              {floorSettings.capacity
                ? `Maximum ${floorSettings.capacity}, target ${effectiveTarget(floorSettings)}.`
                : "No capacity set. An admin can set one."}
            </p>
          )}
          {canEdit && map && savedCalibration && (
            <details className="calibration" open={!map.widthFt && !map.lengthFt ? true : undefined}>
              <summary>Calibrate the map</summary>
              {!map.widthFt && !map.lengthFt && (
                <p className="hint" role="note">
                  Cisco Spaces has not sent this floor&apos;s size in feet, so positions are drawn as if they were
                  pixels: set the scale below.
                </p>
              )}
              <CalibrationForm
                mapId={map.mapId}
                saved={savedCalibration}
                onPreview={setCalibration}
                onSaved={(c) => {
                  setSavedCalibration(c);
                  setCalibration(c);
                }}
              />
            </details>
          )}
        </aside>
      </div>

      <HistoryPanel
        locationId={floorId}
        locationName={floor.name}
        capacity={floorSettings.capacity}
        target={effectiveTarget(floorSettings)}
      />
    </LocationLayout>
  );
}

const round1 = (n: number) => Math.round(n * 10) / 10;
