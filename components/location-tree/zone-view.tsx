"use client";
import Link from "next/link";
import { useMemo } from "react";
import type { AlertRow } from "@/lib/store/alerts";
import { effectiveTarget } from "@/lib/alerts/level";
import type { LocationView } from "@/lib/realtime/protocol";
import { HistoryPanel } from "@/components/charts/history-panel";
import { CapacityForm } from "@/components/ui/capacity-form";
import { AlertsPanel } from "@/components/ui/alerts-panel";
import { useCapacityAlerts } from "@/components/ui/use-capacity-alerts";
import { LocationHead } from "./location-head";
import { LocationLayout } from "./location-layout";
import { useLiveLocations, type SettingsById } from "./use-live-locations";

const EMPTY = { capacity: null, targetCapacity: null, polygon: null };

/** One zone (or any location without a map): its count, capacity and history, and the way to its floor map. */
export function ZoneView({
  zoneId,
  locations,
  settings: initial,
  alerts,
  canEdit,
}: {
  zoneId: string;
  locations: LocationView[];
  settings: SettingsById;
  alerts: AlertRow[];
  canEdit: boolean;
}) {
  const live = useLiveLocations(locations, initial);
  const zone = live.locations[zoneId] ?? locations.find((l) => l.id === zoneId)!;
  const s = live.settings[zoneId] ?? EMPTY;
  const parent = zone.parentId ? live.locations[zone.parentId] : undefined;
  const ids = useMemo(() => new Set([zoneId]), [zoneId]);
  const active = useCapacityAlerts(live.counts, live.settings, ids);
  return (
    <LocationLayout live={live} currentId={zoneId} crumbsId={zoneId}>
      <LocationHead title={zone.name} id={zoneId} live={live} setting={s} testId="location-count" />
      {live.error && (
        <p className="error" role="alert">
          Live counts are unavailable: {live.error}
        </p>
      )}
      <AlertsPanel active={active} history={alerts} names={{ [zoneId]: zone.name }} settingsOf={() => s} />
      {parent?.type === "FLOOR" && (
        <p>
          <Link href={`/locations/${parent.id}`}>
            See {zone.name} on the {parent.name} map
          </Link>
          {s.polygon ? "" : " (no outline drawn yet)"}
        </p>
      )}
      {canEdit && (
        <section className="panel" aria-labelledby="cap-title">
          <h2 id="cap-title">Capacity</h2>
          <CapacityForm locationId={zoneId} name={zone.name} settings={s} onSaved={(n) => live.applySaved(zoneId, n)} />
        </section>
      )}
      <HistoryPanel locationId={zoneId} locationName={zone.name} capacity={s.capacity} target={effectiveTarget(s)} />
    </LocationLayout>
  );
}
