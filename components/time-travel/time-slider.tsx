"use client";
import { useId } from "react";
import { useNow } from "@/components/ui/use-now";
import type { TimeTravel } from "./use-time-travel";

const MINUTE = 60_000;

// Moments on the building's clock (its IANA zone), whatever zone the browser is in.
export const moment = (t: number, timeZone?: string) =>
  new Date(t).toLocaleString([], {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
const secondClock = (t: number, timeZone?: string) =>
  new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone });

/** One step of the slider as a quiet button (its text is a symbol, so it carries an accessible name). */
function Step(p: { onClick: () => void; label: string; text: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      onClick={p.onClick}
      disabled={p.disabled}
      aria-label={p.label}
    >
      {p.text}
    </button>
  );
}

/**
 * Replay a past moment of the floor: a slider over everything retained, steps of 5 minutes and an
 * hour, and one button back to live. The native range input keeps arrows, Page Up/Down, Home and End.
 */
export function TimeSlider({
  travel,
  earliest,
  timeZone,
}: {
  travel: TimeTravel;
  earliest: number | null;
  timeZone?: string;
}) {
  const id = useId();
  const now = useNow(15_000);
  const min = Math.min(earliest ?? now, now - MINUTE);
  const value = travel.at ?? now;
  const live = travel.at === null;
  const shift = (ms: number) => {
    const next = Math.max(min, value + ms);
    travel.go(next >= now ? null : next);
  };
  if (earliest === null) {
    return (
      <div className="time-travel time-travel--empty" role="group" aria-label="Time travel">
        <strong>Time travel</strong> becomes available once Floorpulse has stored a few minutes of this floor.
      </div>
    );
  }
  return (
    <div className={`time-travel ${live ? "" : "time-travel--past"}`} role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-range`} className="time-travel__label">
        Time travel
      </label>
      <Step onClick={() => shift(-60 * MINUTE)} label="Back one hour" text="−1 h" />
      <Step onClick={() => shift(-5 * MINUTE)} label="Back five minutes" text="−5 min" />
      <input
        id={`${id}-range`}
        type="range"
        min={min}
        max={now}
        step={MINUTE}
        value={Math.min(Math.max(value, min), now)}
        aria-valuetext={live ? "Live" : moment(value, timeZone)}
        onChange={(e) => {
          const v = Number(e.target.value);
          travel.go(v >= now - MINUTE / 2 ? null : v);
        }}
        data-testid="time-slider"
      />
      <Step onClick={() => shift(5 * MINUTE)} disabled={live} label="Forward five minutes" text="+5 min" />
      <button
        type="button"
        className={`button button--small ${live ? "button--live" : ""}`}
        onClick={() => travel.go(null)}
        aria-pressed={live}
      >
        Live
      </button>
      <p className="time-travel__status" role="status" data-testid="time-travel-status">
        {live && "Showing live positions and counts."}
        {!live && (
          <>
            <strong>Showing {moment(value, timeZone)}</strong>, not live. {travel.loading && "Loading…"}
            {!travel.loading && travel.error && <span className="error-text">{travel.error}</span>}
            {!travel.loading &&
              !travel.error &&
              travel.frame &&
              (travel.frame.sampleAt !== null
                ? `Positions as recorded at ${secondClock(travel.frame.sampleAt, timeZone)}.`
                : "No positions were recorded in the hour before this moment.")}
          </>
        )}
      </p>
    </div>
  );
}
