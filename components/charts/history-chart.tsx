"use client";
import { useLayoutEffect } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { HistoryResult, RangeName } from "@/lib/history/build";
import type { ForecastPoint } from "@/lib/insights/forecast";
import { offsetMs } from "@/lib/history/tz";
import { SOURCE_WORDS } from "@/lib/occupancy/present";
import { seriesStyle, seriesWord } from "./series-style";

// Every time is shown on the building's clock (HistoryResult.timeZone), whatever zone the browser is in.

export function formatTick(range: RangeName, t: number, timeZone = "UTC"): string {
  const d = new Date(t);
  if (range === "hour" || range === "day")
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone });
  if (range === "week") return d.toLocaleDateString([], { weekday: "short", day: "numeric", timeZone });
  return d.toLocaleDateString([], { day: "numeric", month: "short", timeZone });
}

export function formatWhen(range: RangeName, t: number, timeZone = "UTC"): string {
  const d = new Date(t);
  const time = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone });
  return range === "hour" || range === "day"
    ? time
    : `${d.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short", timeZone })} ${time}`;
}

/** "No data from 10:05 to 10:40": what a data gap band says (dates added beyond a day). */
export function gapWords(range: RangeName, g: { from: number; to: number }, timeZone = "UTC"): string {
  return `No data from ${formatWhen(range, g.from, timeZone)} to ${formatWhen(range, g.to, timeZone)}`;
}

/** Evenly spaced ticks on round times: every 10 min, 3 h, day, or 5 days. */
function ticksFor(h: HistoryResult): number[] {
  const step = { hour: 10 * 60_000, day: 3 * 3_600_000, week: 86_400_000, month: 5 * 86_400_000 }[h.range];
  // Round times on the building's clock: its offset at the window's start, not the browser's.
  const offset = -offsetMs(h.from, h.timeZone ?? "UTC");
  const out: number[] = [];
  let t = Math.ceil((h.from - offset) / step) * step + offset;
  if (h.range === "week" || h.range === "month") t = h.from;
  for (; t <= h.to; t += step) out.push(t);
  return out;
}

interface Props {
  history: HistoryResult;
  visible: string[];
  capacity: number | null;
  target: number | null;
  /** Fixed size (tests, print); without it the chart fills its container's width. */
  width?: number;
  /** The rest of today, expected, with its interval (today's day view only). */
  forecast?: ForecastPoint[] | null;
  height?: number;
  title: string;
}

/** Counts over time: one line per visible series, the typical day dashed, the target and maximum as rules. */
export function HistoryChart({ history: h, visible, capacity, target, width, height = 280, title, forecast }: Props) {
  const renderStart = performance.now();
  const data = h.rows.map((r) => ({ t: r.t, label: r.label, ...r.values }));
  // One User Timing entry per data update (render and commit of the chart), read by `npm run bench`.
  useLayoutEffect(() => {
    performance.measure("fp:chart-update", { start: renderStart, detail: { points: h.rows.length } });
    // Measured once per new history (h), not per render: renderStart is read, not a dependency.
  }, [h]);
  const lines = [...h.series, ...(h.typical?.weeks ? ["typical"] : [])].filter((s) => visible.includes(s));
  // The forecast has its own points (quarter hours from now), so its lines draw from their own data.
  const forecastLine = forecast?.length ? { data: forecast, dot: false, isAnimationActive: false } : null;
  const sized = width !== undefined ? { width, height } : { responsive: true, style: { width: "100%", height } };
  return (
    <LineChart {...sized} data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} title={title}>
      <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[h.from, h.to]}
        ticks={ticksFor(h)}
        tickFormatter={(t: number) => formatTick(h.range, t, h.timeZone)}
        stroke="var(--muted)"
        fontSize={12}
      />
      <YAxis
        allowDecimals={false}
        stroke="var(--muted)"
        fontSize={12}
        width={44}
        domain={[0, (max: number) => Math.max(4, Math.ceil(Math.max(max, capacity ?? 0) * 1.08))]}
      />
      {target !== null && (
        <ReferenceLine
          y={target}
          stroke="var(--busy)"
          strokeDasharray="5 4"
          label={{ value: `Target ${target}`, position: "insideTopLeft", fill: "var(--busy)", fontSize: 12 }}
        />
      )}
      {capacity !== null && (
        <ReferenceLine
          y={capacity}
          stroke="var(--full)"
          label={{ value: `Maximum ${capacity}`, position: "insideTopLeft", fill: "var(--full)", fontSize: 12 }}
        />
      )}
      <defs>
        <pattern id="gap-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="var(--gap-fill, rgba(128, 128, 128, 0.12))" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="var(--muted)" strokeOpacity="0.45" strokeWidth="2" />
        </pattern>
      </defs>
      {(h.gaps ?? []).map((g) => (
        <ReferenceArea
          key={g.from}
          x1={g.from}
          x2={g.to}
          fill="url(#gap-hatch)"
          fillOpacity={1}
          stroke="var(--muted)"
          strokeDasharray="2 3"
          ifOverflow="hidden"
          className="history-gap"
          label={{ value: gapWords(h.range, g, h.timeZone), position: "insideTop", fill: "var(--muted)", fontSize: 12 }}
        />
      ))}
      <Tooltip content={(p: TooltipContentProps) => <ChartTooltip {...p} range={h.range} timeZone={h.timeZone} />} />
      {lines.map((s) => {
        const st = seriesStyle(s);
        return (
          <Line
            key={s}
            dataKey={s}
            name={seriesWord(s)}
            stroke={st.color}
            strokeDasharray={st.dash}
            strokeWidth={s === "shown" ? 2.5 : 1.75}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
            className={`history-line history-line--${s}`}
          />
        );
      })}
      {forecastLine ? (
        <>
          {(["high", "low"] as const).map((edge) => (
            <Line
              key={edge}
              {...forecastLine}
              dataKey={edge}
              name={`Forecast, ${edge}`}
              stroke="var(--series-typical)"
              strokeOpacity={0.55}
              strokeDasharray="1 3"
              className="history-line history-line--forecast-band"
            />
          ))}
          <Line
            {...forecastLine}
            dataKey="expected"
            name="Forecast"
            stroke="var(--series-shown)"
            strokeWidth={2}
            strokeDasharray="6 4"
            className="history-line history-line--forecast"
          />
        </>
      ) : null}
    </LineChart>
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  range,
  timeZone,
}: TooltipContentProps & { range: RangeName; timeZone: string }) {
  if (!active || !payload?.length) return null;
  const row = payload[0]?.payload as { label?: string | null } | undefined;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__when">{formatWhen(range, Number(label), timeZone)}</div>
      {payload.map((e) => (
        <div key={String(e.dataKey)} className="chart-tooltip__row">
          <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
          {e.name}: <strong>{e.value === null || e.value === undefined ? "no data" : String(e.value)}</strong>
          {e.dataKey === "shown" && row?.label
            ? ` (${(SOURCE_WORDS as Record<string, string>)[row.label] ?? row.label})`
            : ""}
        </div>
      ))}
    </div>
  );
}
