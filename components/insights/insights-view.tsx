"use client";

import { useMemo, useState } from "react";
import type { Insights } from "@/lib/insights/schema";
import { COLUMNS, tableCsv, visibleRows, type LevelFilter, type SortKey, type TableView } from "@/lib/insights/table";
import { InsightsDefinitions } from "./definitions";
import { HeatGrid } from "./heat-grid";
import { RightSizingList } from "./right-sizing-list";

export interface InsightsViewProps {
  data: Insights;
  /** Title of the scope ("All locations" or the location's name). */
  title: string;
  /** Path of this page, for the period form and links. */
  basePath: string;
}

const LEVELS: Array<[LevelFilter, string]> = [
  ["all", "All levels"],
  ["BUILDING", "Buildings"],
  ["FLOOR", "Floors"],
  ["ZONE", "Rooms and zones"],
];

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The utilization table, heat grid and right-sizing suggestions for one scope and period. */
export function InsightsView({ data, title, basePath }: InsightsViewProps) {
  const [view, setView] = useState<TableView>({
    sort: "utilization",
    direction: "descending",
    level: "all",
    search: "",
  });
  const rows = useMemo(() => visibleRows(data.locations, view), [data.locations, view]);
  const initial =
    data.locations.find((l) => l.id === data.scopeId) ??
    data.locations.find((l) => l.type === "BUILDING") ??
    data.locations[0];
  const [heatId, setHeatId] = useState(initial?.id ?? null);
  const heat = data.locations.find((l) => l.id === heatId) ?? null;
  const query = `from=${data.period.from}&to=${data.period.to}&hours=${encodeURIComponent(data.hours.text)}`;
  const linkFor = (id: string) => `/insights/${encodeURIComponent(id)}?${query}`;

  const sortBy = (key: SortKey) =>
    setView((v) => ({
      ...v,
      sort: key,
      direction:
        v.sort === key
          ? v.direction === "ascending"
            ? "descending"
            : "ascending"
          : key === "name" || key === "type"
            ? "ascending"
            : "descending",
    }));

  return (
    <div className="insights">
      <header className="insights__head">
        <h1>Insights: {title}</h1>
        <p className="hint">
          {data.period.from === data.period.to ? data.period.from : `${data.period.from} to ${data.period.to}`}, working
          hours {data.hours.text}, on each building&apos;s own clock.
        </p>
      </header>

      <form className="panel insights__period" method="get" action={basePath} aria-label="Period and working hours">
        <label>
          From <input type="date" name="from" defaultValue={data.period.from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={data.period.to} required />
        </label>
        <label>
          Working hours{" "}
          <input
            type="text"
            name="hours"
            defaultValue={data.hours.text}
            size={22}
            pattern="[A-Za-z,\- ]+ \d{1,2}:\d{2}-\d{1,2}:\d{2}"
            title='Days and hours, such as "Mon-Fri 08:00-18:00"'
          />
        </label>
        <button className="button" type="submit">
          Show
        </button>
        <a className="button button--quiet" href={basePath}>
          Last 7 days
        </a>
      </form>

      <section className="panel" aria-labelledby="utilization-heading">
        <div className="insights__bar">
          <h2 id="utilization-heading">Utilization</h2>
          <label>
            Level{" "}
            <select
              value={view.level}
              onChange={(e) => setView((v) => ({ ...v, level: e.target.value as LevelFilter }))}
            >
              {LEVELS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Name{" "}
            <input
              type="search"
              value={view.search}
              onChange={(e) => setView((v) => ({ ...v, search: e.target.value }))}
              placeholder="Filter by name"
            />
          </label>
          <button
            className="button button--quiet"
            type="button"
            onClick={() => download(`insights-${data.period.from}-${data.period.to}.csv`, tableCsv(rows))}
            disabled={!rows.length}
          >
            Download CSV
          </button>
        </div>
        <p className="visually-hidden" role="status">
          {rows.length} of {data.locations.length} locations shown, sorted by{" "}
          {COLUMNS.find((c) => c.key === view.sort)!.label} {view.direction}.
        </p>
        {rows.length ? (
          <div className="insights__scroll">
            <table className="table insights__table">
              <caption className="visually-hidden">Utilization per location; column headers sort.</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={view.sort === c.key ? view.direction : undefined}
                      className={c.numeric ? "num" : undefined}
                    >
                      <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                        {c.label}
                        <span aria-hidden="true" className="sort__arrow">
                          {view.sort === c.key ? (view.direction === "ascending" ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Heat grid</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    data-testid={`insights-row-${r.id}`}
                    className={r.id === heatId ? "insights__row--selected" : undefined}
                  >
                    {COLUMNS.map((c) =>
                      c.key === "name" ? (
                        <th key={c.key} scope="row">
                          <a href={linkFor(r.id)}>{r.name}</a>
                        </th>
                      ) : (
                        <td key={c.key} className={c.numeric ? "num" : undefined}>
                          {c.text(r)}
                        </td>
                      ),
                    )}
                    <td>
                      <button
                        type="button"
                        className="button button--small button--quiet"
                        aria-pressed={r.id === heatId}
                        onClick={() => setHeatId(r.id)}
                        aria-label={`Heat grid of ${r.name}`}
                      >
                        Heat grid
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">
            {data.locations.length
              ? "No location matches the filter."
              : "No locations yet: they appear once Cisco Spaces sends data."}
          </p>
        )}
        <InsightsDefinitions s={data.settings} />
      </section>

      {heat && (
        <section className="panel" aria-labelledby="heat-heading">
          <h2 id="heat-heading">When {heat.name} is busy</h2>
          <HeatGrid f={heat} hours={data.hours} />
        </section>
      )}

      <section className="panel" aria-labelledby="rightsizing-heading">
        <h2 id="rightsizing-heading">Right-sizing</h2>
        <RightSizingList suggestions={data.suggestions} linkFor={linkFor} />
        <p className="hint">
          Rooms (zones with a capacity) are judged on their meetings, floors on their peak. Set capacities on each
          location&apos;s page.
        </p>
      </section>
    </div>
  );
}
