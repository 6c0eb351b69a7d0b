// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { HistoryChart } from "@/components/charts/history-chart";
import { StatsTable } from "@/components/charts/stats-table";
import { Sparkline } from "@/components/charts/sparkline";
import { buildHistory, MINUTE_MS, type SampleRow } from "@/lib/history/build";

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const row = (m: number, count: number, source = "shown", max = count): SampleRow => ({
  source,
  bucket: T0 + m * MINUTE_MS,
  label: "camera",
  min: count,
  max,
  last: count,
  sum: count * 60,
  seconds: 60,
});
const h = buildHistory({
  locationId: "f1",
  range: "hour",
  from: T0,
  to: T0 + 60 * MINUTE_MS,
  rows: [row(0, 10), row(1, 14, "shown", 19), row(2, 12), row(0, 9, "camera"), row(1, 13, "camera")],
  now: T0 + 3 * MINUTE_MS,
});

afterEach(cleanup);

/** The chart at 600 × 240 with no capacity or target unless `rules` gives them. */
const chart = (
  history: typeof h,
  visible: string[],
  rules: { capacity: number | null; target: number | null } = { capacity: null, target: null },
) => render(<HistoryChart history={history} visible={visible} {...rules} width={600} height={240} title="Floor 1" />);

describe("HistoryChart", () => {
  it("draws one line per visible series and the target and maximum as labelled rules", () => {
    const { container } = chart(h, ["shown", "camera"], { capacity: 30, target: 20 });
    expect(container.querySelectorAll(".recharts-line")).toHaveLength(2);
    expect(container.textContent).toContain("Target 20");
    expect(container.textContent).toContain("Maximum 30");
  });

  it("draws a data gap as a hatched band that says which minutes have no data", () => {
    const gapped = buildHistory({
      locationId: "f1",
      range: "hour",
      from: T0,
      to: T0 + 60 * MINUTE_MS,
      rows: [row(0, 10), row(1, 12), row(20, 8)],
      gaps: [{ from: T0 + 2 * MINUTE_MS, to: T0 + 20 * MINUTE_MS }],
      now: T0 + 21 * MINUTE_MS,
    });
    const { container } = chart(gapped, ["shown"]);
    expect(container.querySelectorAll(".history-gap")).toHaveLength(1);
    expect(container.querySelector("pattern#gap-hatch")).not.toBeNull();
    expect(container.textContent).toMatch(/No data from .+ to .+/);
  });

  it("leaves a hidden series out", () => {
    const { container } = chart(h, ["camera"]);
    expect(container.querySelectorAll(".recharts-line")).toHaveLength(1);
    expect(container.querySelector(".history-line--camera")).not.toBeNull();
    expect(container.textContent).not.toContain("Maximum");
  });
});

describe("peak and average", () => {
  it("shows each series' peak with its time, its average and how long it had data", () => {
    render(<StatsTable h={h} visible={["shown", "camera"]} />);
    const shown = within(screen.getByTestId("stats-shown"));
    expect(shown.getByRole("rowheader").textContent).toContain("Shown (best source)");
    const cells = shown.getAllByRole("cell").map((c) => c.textContent);
    expect(cells[0]).toMatch(/^19 at /);
    expect(cells[1]).toBe("12");
    expect(cells[2]).toBe("3 min");
    expect(screen.getByText("How peak and average are worked out")).toBeTruthy();
  });
});

describe("Sparkline", () => {
  it("describes the trend in words for screen readers", () => {
    render(
      <Sparkline
        points={[
          [0, 4],
          [1, 9],
          [2, 12],
        ]}
        label="Last hour"
      />,
    );
    expect(screen.getByText("Last hour: rising, from 4 to 12, between 4 and 12")).toBeTruthy();
  });

  it("says when there is no trend yet", () => {
    render(<Sparkline points={[]} label="Last hour" />);
    expect(screen.getByText("No trend yet")).toBeTruthy();
  });
});
