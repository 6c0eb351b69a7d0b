"use client";
import Link from "next/link";
import { useMemo } from "react";
import type { AlertRow } from "@/lib/store/alerts";
import { bandOf, effectiveTarget } from "@/lib/alerts/level";
import { floorsByBuilding } from "@/lib/occupancy/building-of";
import type { Occupancy } from "@/lib/occupancy/types";
import type { LocationView } from "@/lib/realtime/protocol";
import { HistoryPanel } from "@/components/charts/history-panel";
import { Sparkline } from "@/components/charts/sparkline";
import { useSparklines } from "@/components/charts/use-sparklines";
import { CapacityForm } from "@/components/ui/capacity-form";
import { AlertsPanel } from "@/components/ui/alerts-panel";
import { OccupancyFigure } from "@/components/ui/occupancy-figure";
import { useCapacityAlerts } from "@/components/ui/use-capacity-alerts";
import { LocationHead } from "./location-head";
import { LocationLayout } from "./location-layout";
import { useLiveLocations, type SettingsById } from "./use-live-locations";

interface Props {
  /** null: every building of the tenant. */
  scopeId: string | null;
  locations: LocationView[];
  settings: SettingsById;
  sparklines: Record<string, Array<[number, number]>>;
  alerts: AlertRow[];
  canEdit: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true });
const byName = (a: LocationView, b: LocationView) => collator.compare(a.name, b.name);
const EMPTY = { capacity: null, targetCapacity: null, polygon: null };

/** How full each building, floor and zone is now: a card per floor with count, band, trend, source and age. */
export function LocationOverview({
  scopeId,
  locations,
  settings: initialSettings,
  sparklines,
  alerts,
  canEdit,
}: Props) {
  const live = useLiveLocations(locations, initialSettings);
  const all = useMemo(() => Object.values(live.locations), [live.locations]);
  const lines = useSparklines(sparklines, live.counts);
  const within = useMemo(() => {
    if (scopeId === null) return null;
    const ids = new Set<string>([scopeId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const l of all)
        if (l.parentId && ids.has(l.parentId) && !ids.has(l.id)) {
          ids.add(l.id);
          grew = true;
        }
    }
    return ids;
  }, [all, scopeId]);
  const active = useCapacityAlerts(live.counts, live.settings, within ?? undefined);
  const names = useMemo(() => Object.fromEntries(all.map((l) => [l.id, l.name])), [all]);
  const scope = scopeId ? live.locations[scopeId] : null;

  // Groups: each building in scope with its floors; floors with no building on their own.
  const buildings = all.filter((l) => l.type === "BUILDING" && (!within || within.has(l.id))).sort(byName);
  const floors = all.filter((l) => l.type === "FLOOR" && (!within || within.has(l.id)));
  // A floor belongs to its nearest building, even with a group or wing in between.
  const byBuilding = floorsByBuilding(all);
  const orphanFloors = floors.filter((f) => !buildings.some((b) => byBuilding.get(b.id)?.includes(f))).sort(byName);
  const s = (id: string) => live.settings[id] ?? EMPTY;
  const streamAt = useMemo(
    () =>
      Object.values(live.counts).reduce<number | null>(
        (m, o) => (o.at !== null && (m === null || o.at > m) ? o.at : m),
        null,
      ),
    [live.counts],
  );

  // What every group of floor cards shows beside its floors.
  const cards = { all, counts: live.counts, settings: live.settings, lines, pending: !live.ready, streamAt };
  return (
    <LocationLayout live={live} currentId={scopeId} crumbsId={scope?.id ?? null}>
      <LocationHead
        title={scope ? scope.name : "Occupancy now"}
        id={scope?.id ?? null}
        live={live}
        setting={s(scope?.id ?? "")}
        testId="location-count"
        streamAt={streamAt}
      />
      <AlertsPanel active={active} history={alerts} names={names} settingsOf={s} />
      {floors.length === 0 && (
        <p className="empty" role="status">
          {live.error
            ? `Live counts are unavailable: ${live.error}`
            : live.ready
              ? "No floors yet: waiting for the first events from Cisco Spaces…"
              : "Connecting to live counts…"}
        </p>
      )}
      {buildings.map((b) => {
        const bf = [...(byBuilding.get(b.id) ?? [])].sort(byName);
        const single = scope?.id === b.id;
        return (
          <section key={b.id} className="building" aria-labelledby={`b-${b.id}`}>
            <header className="building__head">
              {single ? (
                <h2 id={`b-${b.id}`}>Floors</h2>
              ) : (
                <h2 id={`b-${b.id}`}>
                  <Link href={`/locations/${b.id}`} className="building__link">
                    {b.name}
                  </Link>
                </h2>
              )}
              {!single && (
                <OccupancyFigure
                  occupancy={live.counts[b.id]}
                  capacity={s(b.id).capacity}
                  targetCapacity={s(b.id).targetCapacity}
                  testId={`count-${b.id}`}
                  pending={!live.ready}
                  streamAt={streamAt}
                />
              )}
            </header>
            {bf.length ? (
              <FloorCards floors={bf} {...cards} />
            ) : (
              <p className="hint">No floors reported for this building yet.</p>
            )}
          </section>
        );
      })}
      {orphanFloors.length > 0 && (
        <section className="building" aria-label="Other floors">
          <FloorCards floors={orphanFloors} {...cards} />
        </section>
      )}
      {scope && canEdit && (
        <section className="panel" aria-labelledby="cap-title">
          <h2 id="cap-title">Capacity of {scope.name}</h2>
          <CapacityForm
            locationId={scope.id}
            name={scope.name}
            settings={s(scope.id)}
            onSaved={(n) => live.applySaved(scope.id, n)}
          />
        </section>
      )}
      {scope && (
        <HistoryPanel
          locationId={scope.id}
          locationName={scope.name}
          capacity={s(scope.id).capacity}
          target={effectiveTarget(s(scope.id))}
        />
      )}
    </LocationLayout>
  );
}

function FloorCards({
  floors,
  all,
  counts,
  settings,
  lines,
  pending,
  streamAt,
}: {
  floors: LocationView[];
  all: LocationView[];
  counts: Record<string, Occupancy>;
  settings: SettingsById;
  lines: Record<string, Array<[number, number]>>;
  pending: boolean;
  streamAt: number | null;
}) {
  return (
    <ul className="floors">
      {floors.map((f) => {
        const st = settings[f.id] ?? EMPTY;
        const c = counts[f.id];
        const band = c && c.source !== null ? bandOf(c.count, st).band : "unknown";
        const zones = all.filter((z) => z.parentId === f.id);
        const busy = zones.filter((z) => {
          const zc = counts[z.id];
          const b = zc && zc.source !== null ? bandOf(zc.count, settings[z.id] ?? EMPTY).band : "unknown";
          return b === "busy" || b === "full";
        }).length;
        return (
          <li key={f.id}>
            <Link className={`floor-card floor-card--${band}`} href={`/locations/${f.id}`}>
              <span className="floor-card__top">
                <span className="floor-card__name">{f.name}</span>
                <Sparkline points={lines[f.id] ?? []} label="Last hour" />
              </span>
              <OccupancyFigure
                occupancy={c}
                capacity={st.capacity}
                targetCapacity={st.targetCapacity}
                testId={`count-${f.id}`}
                pending={pending}
                streamAt={streamAt}
              />
              {zones.length > 0 && (
                <span className="floor-card__zones">
                  {zones.length} zone{zones.length === 1 ? "" : "s"}
                  {busy ? ` · ${busy} busy or full` : ""}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
