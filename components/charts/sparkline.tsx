// A last-hour trend small enough for a card: an SVG line, with its meaning in words for screen readers.

export function Sparkline({
  points,
  width = 120,
  height = 32,
  label,
}: {
  points: Array<[t: number, v: number]>;
  width?: number;
  height?: number;
  label: string;
}) {
  if (points.length < 2) {
    return (
      <span className="sparkline sparkline--empty" style={{ width, height }}>
        <span>No trend yet</span>
      </span>
    );
  }
  const t0 = points[0]![0];
  const t1 = points.at(-1)![0];
  const vs = points.map((p) => p[1]);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (v: number) => (hi === lo ? height / 2 : height - 3 - ((v - lo) / (hi - lo)) * (height - 6));
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("");
  const last = points.at(-1)!;
  const first = points[0]!;
  const trend = last[1] > first[1] ? "rising" : last[1] < first[1] ? "falling" : "steady";
  return (
    <span className="sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        <path d={d} fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinejoin="round" strokeLinecap="round" />
        <circle cx={x(last[0])} cy={y(last[1])} r="2.5" fill="currentColor" />
      </svg>
      <span className="visually-hidden">
        {label}: {trend}, from {Math.round(first[1])} to {Math.round(last[1])}, between {Math.round(lo)} and{" "}
        {Math.round(hi)}
      </span>
    </span>
  );
}
