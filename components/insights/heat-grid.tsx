import { DAY_NAMES, isWorking, type WorkingHours } from "@/lib/insights/hours";
import type { LocationFigures } from "@/lib/insights/schema";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Weekday × hour grid of typical occupancy on the building's clock; darker is busier. */
export function HeatGrid({ f, hours }: { f: LocationFigures; hours: WorkingHours }) {
  // Shaded against the busiest hour, so the pattern shows even far under capacity (the table has the ratios).
  const top = Math.max(0, ...f.heat.map((v) => v ?? 0));
  return (
    <figure className="heat" aria-labelledby="heat-caption">
      <table className="heat__grid">
        <caption id="heat-caption">
          Typical occupancy of {f.name} by weekday and hour ({f.timeZone})
          {top > 0 ? `; the darkest cell is ${top} people on average` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Day</span>
            </th>
            {HOURS.map((h) => (
              <th scope="col" key={h} className="heat__hour">
                {String(h).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAY_NAMES.map((day, d) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {HOURS.map((h) => {
                const v = f.heat[d * 24 + h] ?? null;
                const working =
                  isWorking(hours, { weekday: d + 1, minute: h * 60 }) ||
                  isWorking(hours, { weekday: d + 1, minute: h * 60 + 45 });
                const level = v === null || top === 0 ? null : Math.min(1, v / top);
                return (
                  <td
                    key={h}
                    className={`heat__cell${working ? " heat__cell--working" : ""}${v === null ? " heat__cell--none" : ""}${v === 0 ? " heat__cell--zero" : ""}`}
                    style={level === null ? undefined : { ["--level" as string]: level.toFixed(3) }}
                    title={`${day} ${String(h).padStart(2, "0")}:00: ${v === null ? "no data" : `${v} on average`}`}
                  >
                    <span className="visually-hidden">{v === null ? "no data" : v}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="hint">
        Outlined cells are working hours. Each cell is the average count over that hour in the period; blank cells had
        no data.
      </figcaption>
    </figure>
  );
}
