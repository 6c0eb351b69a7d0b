import type { StatusHistory } from "@/lib/health/days";
import { COMPONENT_LABELS, type ComponentCheck } from "@/lib/health/types";
import { dayLabel, dayTip, STATUS_SYMBOLS, STATUS_WORDS } from "./format";
import s from "./status.module.css";

/** Components by the last seven days, like the partner guide's sample status page. Each day cell is
 * focusable and names its status and minutes, so the grid reads the same by keyboard and by screen reader. */
export function StatusGrid({ history, current }: { history: StatusHistory; current: ComponentCheck[] | null }) {
  return (
    <div className={s.gridWrap}>
      <table className={s.grid}>
        <caption className={s.srOnly}>
          Status of each component now and on each of the last {history.dates.length} days (UTC)
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Now</th>
            {history.dates.map((d) => (
              <th scope="col" key={d}>
                <time dateTime={d}>{dayLabel(d)}</time>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {history.rows.map((row) => {
            const label = COMPONENT_LABELS[row.component];
            const now = current?.find((c) => c.component === row.component);
            return (
              <tr key={row.component} data-component={row.component}>
                <th scope="row">{label}</th>
                <td>
                  {now ? (
                    <span
                      className={`${s.cell} ${s[now.status]}`}
                      tabIndex={0}
                      data-tip={`${label} now: ${STATUS_WORDS[now.status].toLowerCase()}${now.detail ? ` (${now.detail})` : ""}`}
                    >
                      <span aria-hidden>{STATUS_SYMBOLS[now.status]}</span>
                      <span className={s.srOnly}>
                        {label} now: {STATUS_WORDS[now.status]}
                        {now.detail ? ` (${now.detail})` : ""}
                      </span>
                    </span>
                  ) : (
                    <span
                      className={`${s.cell} ${s.none}`}
                      tabIndex={0}
                      data-tip={`${label} now: not known (no recent check)`}
                    >
                      <span aria-hidden>{STATUS_SYMBOLS.none}</span>
                      <span className={s.srOnly}>{label} now: not known (no recent check)</span>
                    </span>
                  )}
                </td>
                {row.days.map((cell) => {
                  const tip = dayTip(label, cell);
                  return (
                    <td key={cell.date} data-date={cell.date} data-status={cell.status}>
                      <span className={`${s.cell} ${s[cell.status]}`} tabIndex={0} data-tip={tip}>
                        <span aria-hidden>{STATUS_SYMBOLS[cell.status]}</span>
                        <span className={s.srOnly}>{tip}</span>
                      </span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className={s.legend} aria-label="Legend">
        {(["up", "degraded", "down", "none"] as const).map((k) => (
          <li key={k}>
            <span className={`${s.cell} ${s[k]}`} aria-hidden>
              {STATUS_SYMBOLS[k]}
            </span>
            {k === "down"
              ? "Down (or not running) for half the day or more"
              : k === "degraded"
                ? "Degraded or down for part of the day"
                : STATUS_WORDS[k]}
          </li>
        ))}
      </ul>
    </div>
  );
}
