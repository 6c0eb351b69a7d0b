import type { Insights } from "@/lib/insights/schema";

const pct = (v: number) => `${Math.round(v * 100)} %`;

/** How every figure and rule is worked out, in words, with the thresholds in force. */
export function InsightsDefinitions({ s }: { s: Insights["settings"] }) {
  return (
    <details className="stats__definitions">
      <summary>How these figures are worked out</summary>
      <dl>
        <dt>Working hours</dt>
        <dd>
          Only minutes inside working hours count, on each building&apos;s own clock (its time zone, daylight-saving
          changes included). The heat grid shows every hour.
        </dd>
        <dt>Average</dt>
        <dd>
          The count averaged over working minutes with data, each count weighted by how long it held. Minutes without
          data are left out, not counted as empty.
        </dd>
        <dt>Peak</dt>
        <dd>The highest count at any moment in working hours: the largest of each minute&apos;s maximum.</dd>
        <dt>Utilization</dt>
        <dd>Average ÷ capacity. A room used all day by one person of ten is at 10 %.</dd>
        <dt>Time used</dt>
        <dd>
          The share of working minutes with data in which anyone was there (the minute&apos;s maximum above zero).
        </dd>
        <dt>Time full</dt>
        <dd>The share of working minutes with data at or over capacity.</dd>
        <dt>Data</dt>
        <dd>
          The share of working minutes that have data at all; below 100 % the other figures describe only the time with
          data.
        </dd>
        <dt>Meeting and group size</dt>
        <dd>
          A meeting is a run of at least {s.minMeetingMinutes} occupied working minutes in a room (up to{" "}
          {s.meetingGapMinutes} empty minute{s.meetingGapMinutes === 1 ? "" : "s"} inside still count as the same
          meeting); its group size is its highest count.
        </dd>
        <dt>Right-sizing rules</dt>
        <dd>
          A room is <em>larger than its meetings need</em> when, over at least {s.minMeetings} meetings,{" "}
          {s.groupPercentile} % of them had a group of at most {pct(s.oversizedShare)} of its capacity. It is{" "}
          <em>often full</em> when at or over capacity for more than {pct(s.fullShare)} of working time. A floor is a{" "}
          <em>consolidation candidate</em> when its peak stays under {pct(s.floorPeakShare)} of its capacity. No rule
          judges a location with less than {s.minDataHours} h of working-time data. Admins change these thresholds in
          the settings (README &quot;Insights&quot;).
        </dd>
      </dl>
    </details>
  );
}
