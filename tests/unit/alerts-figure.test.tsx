// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { OccupancyFigure } from "@/components/ui/occupancy-figure";
import type { Occupancy } from "@/lib/occupancy/types";

afterEach(cleanup);

const occ = (count: number, at: number | null, source: Occupancy["source"] = "camera"): Occupancy => ({
  count,
  source,
  rollup: false,
  mixed: false,
  at,
});

describe("a number with its source, freshness and band", () => {
  it("says live, with the source word, the band word and the share of the maximum", () => {
    const { container } = render(
      <OccupancyFigure occupancy={occ(45, Date.now())} capacity={50} targetCapacity={40} testId="n" />,
    );
    expect(container.querySelector("[data-testid=n]")!.textContent).toBe("45");
    expect(container.textContent).toContain("Busy");
    expect(container.textContent).toContain("90% of 50");
    expect(container.textContent).toContain("Camera · live");
    expect(container.querySelector(".figure")!.className).toContain("figure--busy");
    expect(container.querySelector("svg.source-icon")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("turns red and says so at the maximum and above it", () => {
    const { container } = render(<OccupancyFigure occupancy={occ(52, Date.now(), "wifi_users")} capacity={50} />);
    expect(container.querySelector(".figure")!.className).toContain("figure--full");
    expect(container.textContent).toContain("Over capacity");
    expect(container.textContent).toContain("Wi-Fi users · live");
  });

  it("says since when a number is stale", () => {
    const at = Date.now() - 30 * 60_000;
    const { container } = render(<OccupancyFigure occupancy={occ(7, at)} capacity={null} />);
    const hhmm = new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    expect(container.textContent).toContain(`Camera · stale since ${hhmm}`);
    expect(container.querySelector(".figure")!.className).toContain("figure--stale");
  });

  it("shows a dash and 'No data' rather than a zero it does not know", () => {
    const { container } = render(<OccupancyFigure occupancy={undefined} capacity={50} testId="n" />);
    expect(container.querySelector("[data-testid=n]")!.textContent).toBe("–");
    expect(container.textContent).toContain("No data");
    expect(container.textContent).not.toContain("%");
  });

  it("says it is connecting, not that there is no data, until the live feed answers", () => {
    const { container } = render(<OccupancyFigure occupancy={undefined} capacity={null} pending />);
    expect(container.textContent).toContain("Connecting…");
    expect(container.textContent).not.toContain("No data");
  });

  it("shows a recorded past value with the minute it describes", () => {
    const minute = Date.UTC(2026, 2, 2, 9, 30);
    const { container } = render(
      <OccupancyFigure
        occupancy={occ(3, Date.now())}
        capacity={10}
        past={{ count: 9, minute, label: "people" }}
        testId="n"
      />,
    );
    expect(container.querySelector("[data-testid=n]")!.textContent).toBe("9");
    expect(container.textContent).toContain(
      `People count · recorded ${new Date(minute).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`,
    );
    expect(container.textContent).toContain("Busy");
  });
});
