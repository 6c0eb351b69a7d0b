import type { HistoryResult } from "@/lib/history/build";
import { SourceIcon } from "@/components/ui/source-icon";
import { formatWhen } from "./history-chart";
import { seriesWord } from "./series-style";

function duration(seconds: number): string {
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** Peak, average and time with data per series, with how each is worked out. */
export function StatsTable({ h, visible }: { h: HistoryResult; visible: string[] }) {
  return (
    <div className="stats">
      <table className="table stats__table">
        <caption className="visually-hidden">Peak and average per series</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Peak</th>
            <th scope="col">Average</th>
            <th scope="col">Time with data</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((s) => {
            const st = h.stats[s];
            if (!st) return null;
            return (
              <tr key={s} data-testid={`stats-${s}`}>
                <th scope="row">
                  <SourceIcon source={s === "shown" ? (st.last?.label ?? "sum") : s} /> {seriesWord(s)}
                </th>
                <td>{st.peak ? `${st.peak.value} at ${formatWhen(h.range, st.peak.at, h.timeZone)}` : "No data"}</td>
                <td>{st.average ?? "No data"}</td>
                <td>{duration(st.seconds)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details className="stats__definitions">
        <summary>How peak and average are worked out</summary>
        <dl>
          <dt>Peak</dt>
          <dd>
            The highest count at any moment in the period: the largest of each minute&apos;s maximum, with the minute it
            first happened. It can be above the line, which shows averages.
          </dd>
          <dt>Average</dt>
          <dd>
            The count averaged over the time with data, each count weighted by how long it held. Time without data is
            left out, not counted as zero.
          </dd>
          <dt>Line</dt>
          <dd>
            Each point is the time-weighted average of its{" "}
            {h.binMs >= 3_600_000 ? `${h.binMs / 3_600_000} h` : `${h.binMs / 60_000} min`} interval; long periods are
            thinned to at most 400 points per series (largest-triangle downsampling), keeping peaks and dips. The CSV
            holds exactly the points drawn.
          </dd>
          <dt>Typical</dt>
          <dd>
            For a day: the same weekday in the previous weeks that have data (up to eight), averaged minute by minute.
          </dd>
        </dl>
      </details>
    </div>
  );
}
