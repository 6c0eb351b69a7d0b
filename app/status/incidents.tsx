import type { Incident } from "@/lib/health/days";
import { COMPONENT_LABELS, type ComponentCheck } from "@/lib/health/types";
import { dayTimeLabel, minutesLabel, STATUS_WORDS, timeLabel } from "./format";
import s from "./status.module.css";

/** What is wrong right now, with since when when the recorded history knows. */
export function CurrentIncidents({
  current,
  incidents,
  lastCheckAt,
}: {
  current: ComponentCheck[] | null;
  incidents: Incident[];
  lastCheckAt: number | null;
}) {
  if (!current) {
    return (
      <p className={s.empty}>
        {lastCheckAt === null
          ? "No current status: the first check runs within a minute of start."
          : `No recent check: the last one was recorded ${dayTimeLabel(lastCheckAt)} UTC.`}
      </p>
    );
  }
  const problems = current.filter((c) => c.status !== "up");
  if (!problems.length) return <p className={s.calm}>No current incidents.</p>;
  return (
    <ul className={s.incidents}>
      {problems.map((c) => {
        const since = incidents.find((i) => i.ongoing && i.component === c.component);
        return (
          <li key={c.component} className={s[c.status]} data-component={c.component}>
            <strong>
              {COMPONENT_LABELS[c.component]} {STATUS_WORDS[c.status].toLowerCase()}
            </strong>
            {c.detail ? <span>: {c.detail}</span> : null}
            {since ? <span className={s.muted}> · since {dayTimeLabel(since.from)} UTC</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

const MAX_LISTED = 20;
const sameDay = (a: number, b: number) => Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000);

export function PastIncidents({ incidents, days }: { incidents: Incident[]; days: number }) {
  const past = incidents.filter((i) => !i.ongoing);
  if (!past.length) return <p className={s.calm}>No incidents in the last {days} days.</p>;
  return (
    <>
      <ul className={s.incidents}>
        {past.slice(0, MAX_LISTED).map((i) => (
          <li key={`${i.component}-${i.from}`} className={s[i.status]}>
            <strong>
              {COMPONENT_LABELS[i.component]} {STATUS_WORDS[i.status].toLowerCase()}
            </strong>
            <span className={s.muted}>
              {" "}
              · <time dateTime={new Date(i.from).toISOString()}>{dayTimeLabel(i.from)}</time>–
              <time dateTime={new Date(i.to).toISOString()}>
                {sameDay(i.from, i.to - 1) ? timeLabel(i.to) : dayTimeLabel(i.to)}
              </time>{" "}
              UTC ({minutesLabel((i.to - i.from) / 60_000)})
            </span>
            {i.detail ? <div>{i.detail}</div> : null}
          </li>
        ))}
      </ul>
      {past.length > MAX_LISTED ? <p className={s.muted}>and {past.length - MAX_LISTED} earlier.</p> : null}
    </>
  );
}
