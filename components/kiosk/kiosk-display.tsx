"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { LocationSettings } from "@/lib/store/location-settings";
import { sourceWords } from "@/lib/occupancy/present";
import {
  kioskBand,
  kioskFreshness,
  pageRows,
  rotationPages,
  updatedAgo,
  usualWording,
  type KioskFreshness,
} from "@/lib/kiosk/present";
import type { LocationView } from "@/lib/realtime/protocol";
import { useLocationFeed } from "@/components/realtime/use-location-feed";
import type { AppSocket } from "@/components/realtime/socket";
import { useNow } from "@/components/ui/use-now";
import { KioskMessage } from "./kiosk-message";
import { KioskMap, type KioskFloorMap } from "./kiosk-map";
import type { HereCode } from "@/lib/kiosk/here-code";
import { useHereCode } from "./use-here-code";
import { useKioskLink, type LinkState } from "./use-kiosk-link";
import { useNightlyReload } from "./use-nightly-reload";
import { useForecastSentence } from "./use-forecast-sentence";
import { useTypical } from "./use-usual";

export interface KioskProps {
  token: string;
  label: string;
  theme: "dark" | "light";
  rotateSec: number;
  staleAfterMs: number;
  scopeId: string;
  locations: LocationView[];
  settings: Record<string, LocationSettings>;
  maps: Record<string, KioskFloorMap>;
  /** The first "You are here" code (a short-lived token of its own; replaced every few minutes). */
  here: HereCode;
  /** The building's IANA zone: the clock and weekday are its, whatever zone the screen's machine is set to. */
  timeZone: string;
}

const hhmm = (ms: number, timeZone: string) =>
  new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const weekdayIn = (ms: number, timeZone: string) =>
  WEEKDAY_INDEX[new Date(ms).toLocaleDateString("en-US", { weekday: "short", timeZone })] ?? 0;
const EMPTY: LocationSettings = { capacity: null, targetCapacity: null, polygon: null };

/** A read-only full-screen display for one location subtree, for a screen nobody touches for weeks. */
export function KioskDisplay(p: KioskProps) {
  const link = useKioskLink(p.token);
  const [revokedAtReload, setRevokedAtReload] = useState(false);
  const onRevoked = useCallback(() => setRevokedAtReload(true), []);
  useNightlyReload(p.token, onRevoked);
  const revoked = link.state === "revoked" || revokedAtReload;
  return (
    <div className="kiosk" data-theme={p.theme} data-testid="kiosk" data-link={revoked ? "revoked" : link.state}>
      {revoked ? (
        <KioskMessage title="This display link was revoked" detail="Ask your Floorpulse admin for a new kiosk link." />
      ) : link.socket ? (
        <KioskLive {...p} socket={link.socket} link={link.state} />
      ) : (
        <KioskMessage title="Connecting…" detail={p.label} />
      )}
    </div>
  );
}

function KioskLive(p: KioskProps & { socket: AppSocket; link: LinkState }) {
  const feed = useLocationFeed(p.scopeId, p.locations, p.socket);
  const here = useHereCode(p.token, p.here);
  const now = useNow(1_000);
  const all = useMemo(() => Object.values(feed.locations), [feed.locations]);
  const pages = useMemo(() => rotationPages(all, p.scopeId), [all, p.scopeId]);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (pages.length < 2) return;
    const t = setInterval(() => setIndex((i) => i + 1), p.rotateSec * 1000);
    return () => clearInterval(t);
  }, [pages.length, p.rotateSec]);
  const pageId = pages.length ? pages[index % pages.length]! : p.scopeId;
  const page = feed.locations[pageId];
  const rows = useMemo(() => pageRows(all, pageId), [all, pageId]);
  const typical = useTypical(p.token, pageId);
  const outlook = useForecastSentence(p.token, pageId);

  const settingsOf = (id: string): LocationSettings => {
    const l = feed.locations[id];
    const s = p.settings[id] ?? EMPTY;
    return {
      capacity: l?.capacity ?? s.capacity,
      targetCapacity: l?.targetCapacity !== undefined ? l.targetCapacity : s.targetCapacity,
      polygon: l?.polygon !== undefined ? l.polygon : s.polygon,
    };
  };
  // A room empty by Wi-Fi gets no news while it stays empty: its 0 is current while anything is heard.
  const heardLast = useMemo(
    () =>
      Object.values(feed.heardAt).reduce<number | undefined>((m, t) => (m === undefined || t > m ? t : m), undefined),
    [feed.heardAt],
  );
  const view = (id: string) => {
    const o = feed.counts[id];
    const fresh = kioskFreshness(
      o?.emptySince !== undefined ? heardLast : feed.heardAt[id],
      !!o && o.source !== null,
      now,
      p.staleAfterMs,
    );
    const count = o?.count ?? 0;
    return { count, fresh, band: kioskBand(count, settingsOf(id)), words: sourceWords(o, true) };
  };
  const hero = view(pageId);
  // Only numbers with a source count as updates: a room nothing describes has no "updated" time.
  const newest = [pageId, ...rows].reduce<number | null>((m, id) => {
    const t = feed.heardAt[id];
    return t !== undefined && feed.counts[id]?.source && (m === null || t > m) ? t : m;
  }, null);
  const usual = hero.fresh.state === "live" ? usualWording(hero.count, typical, weekdayIn(now, p.timeZone)) : null;
  const map = p.maps[pageId];

  return (
    <>
      <header className="kiosk__head">
        <span className="kiosk__scope">{p.label}</span>
        <time className="kiosk__clock" dateTime={new Date(now).toISOString()} suppressHydrationWarning>
          {hhmm(now, p.timeZone)}
        </time>
      </header>
      {p.link !== "live" && (
        <p className="kiosk__banner" role="status" data-testid="kiosk-connection">
          {p.link === "connecting"
            ? "Connecting to live counts…"
            : "Connection lost: reconnecting. Numbers grey out when they are no longer current."}
        </p>
      )}
      <main className={`kiosk__body${map ? " kiosk__body--map" : ""}`}>
        <section className="kiosk__hero" aria-live="polite">
          <h1 className="kiosk__name" data-testid="kiosk-page">
            {page?.name ?? "…"}
          </h1>
          <BigFigure
            fresh={hero.fresh}
            count={hero.count}
            band={hero.band}
            pending={!feed.ready}
            timeZone={p.timeZone}
          />
          {hero.fresh.state !== "none" && hero.words && (
            <p className="kiosk__evidence" data-testid="kiosk-evidence">
              {hero.words}
            </p>
          )}
          {usual && (
            <p className="kiosk__usual" data-testid="kiosk-usual">
              {usual}
            </p>
          )}
          {outlook && hero.fresh.state === "live" && (
            <p className="kiosk__usual kiosk__outlook" data-testid="kiosk-outlook">
              {outlook}
            </p>
          )}
        </section>
        {rows.length > 0 && (
          <ul className="kiosk__rows" aria-label={page?.type === "BUILDING" ? "Floors" : "Rooms"}>
            {rows.map((id) => {
              const r = view(id);
              return (
                <li
                  key={id}
                  className={`kiosk-row kiosk-row--${r.fresh.state} kiosk-row--${r.fresh.state === "live" ? r.band.band : "unknown"}`}
                  data-testid={`kiosk-row-${id}`}
                  data-state={r.fresh.state}
                >
                  <span className="kiosk-row__name">{feed.locations[id]?.name ?? id}</span>
                  <span className="kiosk-row__count">{r.fresh.state === "none" ? "–" : r.count}</span>
                  <span className="kiosk-row__word">{stateWords(r.fresh, r.band, p.timeZone)}</span>
                </li>
              );
            })}
          </ul>
        )}
        {map && (
          <KioskMap
            key={pageId}
            floorId={pageId}
            map={map}
            socket={p.socket}
            theme={p.theme}
            name={page?.name ?? ""}
            current={hero.fresh.state === "live"}
          />
        )}
      </main>
      <footer className="kiosk__foot">
        <span data-testid="kiosk-updated">{updatedAgo(newest, now)}</span>
        {pages.length > 1 && (
          <span className="kiosk__dots" aria-label={`Page ${(index % pages.length) + 1} of ${pages.length}`}>
            {pages.map((id, i) => (
              <span key={id} className={`kiosk__dot${i === index % pages.length ? " kiosk__dot--on" : ""}`} />
            ))}
          </span>
        )}
        <span className="kiosk__here">
          {/* A plain img: the QR code is a data URI made on the server, nothing to optimise. */}
          <img src={here.qr} alt="QR code: You are here" width={96} height={96} />
          <span>
            <strong>You are here</strong>
            <br />
            Scan on the venue Wi-Fi
          </span>
        </span>
      </footer>
    </>
  );
}

/** What stands beside a number: its band in words when live, its age when stale, "No data" without one. */
function stateWords(fresh: KioskFreshness, band: { band: string; word: string }, timeZone: string): string {
  if (fresh.state === "none") return "No data";
  if (fresh.state === "stale") return `last updated ${hhmm(fresh.since, timeZone)}`;
  return band.band === "unknown" ? "" : band.word; // no capacity: the number speaks for itself
}

function BigFigure({
  fresh,
  count,
  band,
  pending,
  timeZone,
}: {
  fresh: KioskFreshness;
  count: number;
  band: { band: string; word: string; percent: number | null };
  pending: boolean;
  timeZone: string;
}) {
  const tone = fresh.state === "live" ? band.band : "unknown";
  return (
    <div
      className={`kiosk-figure kiosk-figure--${fresh.state} kiosk-figure--${tone}`}
      data-testid="kiosk-figure"
      data-state={fresh.state}
      data-band={tone}
    >
      <span className="kiosk-figure__count" data-testid="kiosk-count">
        {fresh.state === "none" ? "–" : count}
      </span>
      <span className="kiosk-figure__unit">{fresh.state === "none" ? "" : count === 1 ? "person" : "people"}</span>
      <span className="kiosk-figure__word" data-testid="kiosk-word">
        {fresh.state === "none" ? (pending ? "Connecting…" : "No data") : stateWords(fresh, band, timeZone)}
        {fresh.state === "live" && band.percent !== null ? ` · ${band.percent}%` : ""}
      </span>
    </div>
  );
}
