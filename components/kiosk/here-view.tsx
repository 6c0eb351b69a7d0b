"use client";
import { useMemo } from "react";
import type { LocationSettings } from "@/lib/store/location-settings";
import { nearestWithRoom } from "@/lib/kiosk/nearby";
import type { LocationView } from "@/lib/realtime/protocol";
import { FloorMap } from "@/components/floor-map/floor-map";
import { useLocationFeed } from "@/components/realtime/use-location-feed";
import type { AppSocket } from "@/components/realtime/socket";
import { KioskMessage } from "./kiosk-message";
import type { KioskFloorMap } from "./kiosk-map";
import { useHere } from "./use-here";
import { useKioskLink } from "./use-kiosk-link";

export interface HereProps {
  token: string;
  theme: "dark" | "light";
  scopeId: string;
  locations: LocationView[];
  settings: Record<string, LocationSettings>;
  maps: Record<string, KioskFloorMap>;
}

const NOT_ON_NETWORK = {
  "unknown-device":
    "Cisco Spaces does not see this phone on the venue's Wi-Fi. Join the venue Wi-Fi (not mobile data) and this page finds you within a few seconds.",
  "other-venue":
    "This phone is on a Wi-Fi network this display does not cover. Join this venue's Wi-Fi and this page finds you within a few seconds.",
  "no-address": "Your phone's network address could not be read, so it cannot be found on the venue's Wi-Fi.",
} as const;

/** "You are here" on a visitor's phone: their own dot on the floor map and the nearest rooms with space. */
export function HereView(p: HereProps) {
  const here = useHere(p.token);
  const link = useKioskLink(p.token);
  const revoked = here.state === "revoked" || link.state === "revoked";
  return (
    <div className="kiosk here" data-theme={p.theme} data-testid="here" data-state={revoked ? "revoked" : here.state}>
      {revoked ? (
        <KioskMessage title="This display link was revoked" detail="Ask the venue for a new one." />
      ) : here.state === "finding" ? (
        <Note title="Finding your phone…" text="Looking for it on the venue's Wi-Fi." />
      ) : here.state === "not-on-network" ? (
        <Note title="Your phone is not on the venue's Wi-Fi" text={NOT_ON_NETWORK[here.reason]} />
      ) : here.state === "not-placed" ? (
        <Note
          title="We cannot place your phone on a floor right now"
          text="Cisco Spaces knows your phone but has no current position for it in this area. Positions update every few seconds."
        />
      ) : here.state === "unavailable" ? (
        <Note title="“You are here” is unavailable" text={here.reason} />
      ) : link.socket ? (
        <Found {...p} socket={link.socket} at={here} />
      ) : (
        <Note title="Connecting…" text="" />
      )}
    </div>
  );
}

function Note({ title, text }: { title: string; text: string }) {
  return (
    <section className="here__note" role="status" data-testid="here-note">
      <h1>{title}</h1>
      {text && <p>{text}</p>}
    </section>
  );
}

function Found(
  p: HereProps & { socket: AppSocket; at: { floorId: string; x: number; y: number; zoneId: string | null } },
) {
  const feed = useLocationFeed(p.scopeId, p.locations, p.socket);
  const floor = feed.locations[p.at.floorId];
  const zone = p.at.zoneId ? feed.locations[p.at.zoneId] : undefined;
  const map = p.maps[p.at.floorId];
  // Only this phone's own position: no other device ever reaches this page.
  const points = useMemo(() => [[1, p.at.x, p.at.y] as [number, number, number]], [p.at.x, p.at.y]);
  const nearby = nearestWithRoom(
    Object.values(feed.locations)
      .filter((l) => l.parentId === p.at.floorId && l.type === "ZONE")
      .map((l) => {
        const s = p.settings[l.id];
        const o = feed.counts[l.id];
        return {
          id: l.id,
          name: l.name,
          polygon: l.polygon !== undefined ? l.polygon : (s?.polygon ?? null),
          thresholds: {
            capacity: l.capacity ?? s?.capacity ?? null,
            targetCapacity: l.targetCapacity !== undefined ? l.targetCapacity : (s?.targetCapacity ?? null),
          },
          count: o && o.source !== null ? o.count : null,
        };
      }),
    p.at,
  );
  return (
    <>
      <h1 className="here__title" data-testid="here-title">
        You are on {floor?.name ?? "this floor"}
        {zone ? `, in ${zone.name}` : ""}
      </h1>
      <p className="here__sub">Your phone is the only dot. Nothing about it is stored.</p>
      {map ? (
        <div className="here__map">
          <FloorMap
            imageUrl={map.url}
            geometry={map}
            points={points}
            layers={{ dots: true, heat: false, zones: false }}
            zones={[]}
            draft={null}
            theme={p.theme}
            label={`${floor?.name ?? "Floor"}: your position`}
          />
        </div>
      ) : (
        <p className="here__sub">The floor plan is not available yet.</p>
      )}
      <h2 className="here__title">Nearby with space</h2>
      {nearby.length ? (
        <ul className="here__list" data-testid="here-nearby">
          {nearby.map((z) => (
            <li key={z.id}>
              <strong>{z.name}</strong>
              <span>
                {z.count} {z.count === 1 ? "person" : "people"} · {z.word}
                {z.distanceFt ? ` · ${z.distanceFt} ft` : z.distanceFt === 0 ? " · you are here" : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="here__sub" data-testid="here-nearby-none">
          No room on this floor reports space right now.
        </p>
      )}
    </>
  );
}
