"use client";
import { memo, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { RANGES, TYPICAL, type HistoryResult, type RangeName } from "@/lib/history/build";
import { csvFileName, historyCsv } from "@/lib/history/table";
import { SourceIcon } from "@/components/ui/source-icon";
import { HistoryChart, formatWhen, gapWords } from "./history-chart";
import { StatsTable } from "./stats-table";
import { seriesStyle, seriesWord } from "./series-style";
import { useForecast } from "./use-forecast";
import { useHistory } from "./use-history";

const ORDER: RangeName[] = ["hour", "day", "week", "month"];
const TAB_WORDS: Record<RangeName, string> = { hour: "Last hour", day: "Day", week: "Week", month: "Month" };

const weekday = (t: number, timeZone = "UTC") => new Date(t).toLocaleDateString([], { weekday: "long", timeZone });

export function periodLabel(h: HistoryResult, now: number): string {
  if (h.range === "hour") return "Last hour, live";
  if (h.range === "day") {
    const d = new Date(h.from).toLocaleDateString([], {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: h.timeZone,
    });
    return now >= h.from && now < h.to ? `Today, ${d}` : d;
  }
  const f = (t: number) => new Date(t).toLocaleDateString([], { day: "numeric", month: "short", timeZone: h.timeZone });
  return `${f(h.from)} – ${f(h.to - 1)}`;
}

interface Props {
  locationId: string;
  locationName: string;
  capacity: number | null;
  target: number | null;
  initialRange?: RangeName;
  /** Fixed chart size (tests); default fills the width. */
  chartWidth?: number;
}

/**
 * History of one location: ranges, series toggles, the typical day, peak and average with their
 * definitions, CSV export. Memoised: live counts re-render the page several times a second, and the
 * chart need not follow (the last hour refreshes itself).
 */
export const HistoryPanel = memo(function HistoryPanel({
  locationId,
  locationName,
  capacity,
  target,
  initialRange = "hour",
  chartWidth,
}: Props) {
  const [range, setRange] = useState<RangeName>(initialRange);
  const [from, setFrom] = useState<number | null>(null);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [reload, setReload] = useState(0);
  const st = useHistory(locationId, range, from, reload);
  const h = st.data;
  const id = useId();
  const tabs = useRef(new Map<RangeName, HTMLButtonElement>());
  const now = Date.now();

  const all = useMemo(() => (h ? [...h.series, ...(h.typical?.weeks ? [TYPICAL] : [])] : []), [h]);
  const visible = all.filter((s) => !hidden.has(s));
  const hasData = !!h && h.rows.some((r) => visible.some((s) => r.values[s] !== null && r.values[s] !== undefined));

  const choose = (r: RangeName) => {
    setRange(r);
    setFrom(null);
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = ORDER.indexOf(range);
    const next =
      e.key === "ArrowRight"
        ? ORDER[(i + 1) % 4]
        : e.key === "ArrowLeft"
          ? ORDER[(i + 3) % 4]
          : e.key === "Home"
            ? ORDER[0]
            : e.key === "End"
              ? ORDER[3]
              : undefined;
    if (!next) return;
    e.preventDefault();
    choose(next);
    tabs.current.get(next)?.focus();
  };
  const step = (dir: -1 | 1) => {
    if (!h) return;
    const span = RANGES[h.range].spanMs;
    if (h.range === "day") return setFrom(dir < 0 ? h.from - span / 2 : h.to >= now ? null : h.to + 1);
    const next = h.from + dir * span;
    setFrom(next + span >= now ? null : next);
  };
  const exportCsv = () => {
    if (!h) return;
    const blob = new Blob([historyCsv(h, visible)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = csvFileName(locationName, h);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const isNow = !h || (now >= h.from && now < h.to + 60_000);
  const forecast = useForecast(locationId, range === "day" && !!h && h.range === "day" && now >= h.from && now < h.to);
  return (
    <section className="panel history" aria-labelledby={`${id}-title`}>
      <header className="history__head">
        <h2 id={`${id}-title`}>History</h2>
        <div role="tablist" aria-label="Period" className="tabs">
          {ORDER.map((r) => (
            <button
              key={r}
              type="button"
              role="tab"
              id={`${id}-tab-${r}`}
              aria-selected={r === range}
              aria-controls={`${id}-panel`}
              tabIndex={r === range ? 0 : -1}
              ref={(b) => {
                if (b) tabs.current.set(r, b);
              }}
              onClick={() => choose(r)}
              onKeyDown={onTabKey}
              className="tabs__tab"
            >
              {TAB_WORDS[r]}
            </button>
          ))}
        </div>
      </header>

      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${range}`} className="history__body">
        <div className="history__bar">
          {range !== "hour" && (
            <span className="history__nav">
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => step(-1)}
                disabled={!h}
                aria-label={`Previous ${range}`}
              >
                ‹
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => step(1)}
                disabled={!h || isNow}
                aria-label={`Next ${range}`}
              >
                ›
              </button>
            </span>
          )}
          <span className="history__period" aria-live="polite">
            {h ? periodLabel(h, now) : TAB_WORDS[range]}
          </span>
          <span className="history__fresh">
            {h?.stats.shown?.last ? (
              <>
                <SourceIcon source="history" /> data up to{" "}
                {formatWhen(h.range === "hour" ? "hour" : "week", h.stats.shown.last.at, h.timeZone)}
              </>
            ) : null}
          </span>
          <button type="button" className="button button--small" onClick={exportCsv} disabled={!hasData}>
            Export CSV
          </button>
        </div>

        {all.length > 0 && (
          <fieldset className="series-toggles">
            <legend className="visually-hidden">Series shown</legend>
            {all.map((s) => {
              const style = seriesStyle(s);
              return (
                <label key={s} className="series-toggle">
                  <input
                    type="checkbox"
                    checked={!hidden.has(s)}
                    onChange={(e) =>
                      setHidden((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.delete(s);
                        else next.add(s);
                        return next;
                      })
                    }
                  />
                  <svg width="22" height="10" aria-hidden="true" focusable="false">
                    <line
                      x1="1"
                      y1="5"
                      x2="21"
                      y2="5"
                      stroke={style.color}
                      strokeWidth="3"
                      strokeDasharray={style.dash}
                    />
                  </svg>
                  {s === TYPICAL && h ? `Typical ${weekday(h.from, h.timeZone)}` : seriesWord(s)}
                </label>
              );
            })}
          </fieldset>
        )}

        <figure className="history__figure" aria-busy={st.status === "loading"}>
          {st.status === "error" && (
            <div className="error" role="alert">
              History could not be loaded: {st.message}{" "}
              <button type="button" className="button button--small" onClick={() => setReload((n) => n + 1)}>
                Try again
              </button>
            </div>
          )}
          {!h && st.status === "loading" && (
            <div className="skeleton" style={{ height: 280 }} role="status">
              Loading history…
            </div>
          )}
          {h && !hasData && (
            <p className="empty" role="status">
              {h.series.length === 0
                ? "No history recorded for this period yet. Counts are kept from the moment Floorpulse first sees this location."
                : "Every series is switched off: tick one above to draw it."}
            </p>
          )}
          {h && hasData && (
            <div role="img" aria-label={chartSummary(h, visible, locationName)}>
              <HistoryChart
                history={h}
                visible={visible}
                capacity={capacity}
                target={target}
                width={chartWidth}
                title={`${locationName}: ${periodLabel(h, now)}`}
                forecast={forecast?.points}
              />
            </div>
          )}
          {h && hasData && h.gaps?.length > 0 && (
            <ul className="history__gaps" aria-label="Data gaps">
              {h.gaps.map((g) => (
                <li key={g.from}>
                  {gapWords(h.range, g, h.timeZone)}: the Cisco Spaces stream was down longer than Cisco keeps events,
                  so these minutes are missing, not zero.
                </li>
              ))}
            </ul>
          )}
          {h && range === "day" && (
            <figcaption className="history__typical">
              {h.typical?.weeks
                ? `Typical ${weekday(h.from, h.timeZone)}: the average of the ${h.typical.weeks} previous ${weekday(h.from, h.timeZone)}${h.typical.weeks > 1 ? "s" : ""} with data, minute by minute.`
                : `No earlier ${weekday(h.from, h.timeZone)} recorded yet, so there is no typical day to compare with.`}
              {forecast && forecast.points.length > 0 && (
                <span className="history__forecast" data-testid="history-forecast">
                  {" "}
                  Forecast (dashed, from now): the typical {weekday(h.from, h.timeZone)}
                  {forecast.ratio !== null && forecast.ratio !== 1
                    ? ` scaled by today's ${Math.round(forecast.ratio * 100)} % of usual over the last two hours, fading back to typical`
                    : ""}
                  {forecast.points.some((p) => p.low !== null)
                    ? "; dotted lines: the range 8 days in 10 stay within"
                    : ""}
                  .{forecast.sentence ? ` ${forecast.sentence}` : ""}
                </span>
              )}
            </figcaption>
          )}
        </figure>

        {h && hasData && <StatsTable h={h} visible={visible.filter((s) => s !== TYPICAL)} />}
      </div>
    </section>
  );
});

function chartSummary(h: HistoryResult, visible: string[], name: string): string {
  const s = h.stats.shown;
  const parts = [
    `Line chart of ${name}, ${periodLabel(h, Date.now())}`,
    `series: ${visible.map(seriesWord).join(", ")}`,
  ];
  if (s?.peak) parts.push(`peak ${s.peak.value} at ${formatWhen(h.range, s.peak.at, h.timeZone)}`);
  if (s?.average !== null && s?.average !== undefined) parts.push(`average ${s.average}`);
  return parts.join("; ");
}
