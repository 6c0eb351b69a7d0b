import { describe, expect, it } from "vitest";
import { histogramDelta, histogramQuantile, parseHistogram, parseMetrics } from "./prom";

const NAME = "floorpulse_delta_server_latency_seconds";

const exposition = (b: [string, number][], sum: number, extra = "") => `# HELP ${NAME} record read to socket write
# TYPE ${NAME} histogram
${b.map(([le, c]) => `${NAME}_bucket{le="${le}"} ${c}`).join("\n")}
${NAME}_sum ${sum}
${NAME}_count ${b.at(-1)![1]}
${extra}floorpulse_firehose_events_total{tenant="a"} 10
floorpulse_firehose_events_total{tenant="b"} 5
`;

describe("Prometheus histograms read by the bench", () => {
  it("reads buckets, sum and count, summed over label sets, +Inf last", () => {
    const text = `${NAME}_bucket{role="a",le="0.01"} 1
${NAME}_bucket{role="b",le="0.01"} 2
${NAME}_bucket{le="+Inf",role="a"} 4
${NAME}_bucket{role="b",le="+Inf"} 2
${NAME}_sum 0.5
${NAME}_count 6
`;
    expect(parseHistogram(text, NAME)).toEqual({
      buckets: [
        [0.01, 3],
        [Infinity, 6],
      ],
      sum: 0.5,
      count: 6,
    });
  });

  it("says the histogram is absent rather than inventing one", () => {
    expect(parseHistogram("floorpulse_firehose_events_total 3\n", NAME)).toBeNull();
    expect(parseHistogram(`${NAME}_other_bucket{le="1"} 3\n`, NAME)).toBeNull();
  });

  it("keeps counters summed by name beside it", () => {
    expect(parseMetrics(exposition([["+Inf", 0]], 0)).get("floorpulse_firehose_events_total")).toBe(15);
  });

  it("takes the quantile of the window only: end minus start, interpolated inside the bucket", () => {
    const start = parseHistogram(
      exposition(
        [
          ["0.01", 100],
          ["0.05", 100],
          ["0.1", 100],
          ["+Inf", 100],
        ],
        0.5,
      ),
      NAME,
    );
    const end = parseHistogram(
      exposition(
        [
          ["0.01", 150],
          ["0.05", 250],
          ["0.1", 300],
          ["+Inf", 300],
        ],
        5,
      ),
      NAME,
    )!;
    const w = histogramDelta(start, end);
    expect(w.count).toBe(200);
    expect(w.buckets).toEqual([
      [0.01, 50],
      [0.05, 150],
      [0.1, 200],
      [Infinity, 200],
    ]);
    // Rank 100 of 200 lies halfway through the (0.01, 0.05] bucket's 100 observations.
    expect(histogramQuantile(w, 0.5)).toBeCloseTo(0.03, 10);
    // Rank 198: 48 of the 50 in (0.05, 0.1].
    expect(histogramQuantile(w, 0.99)).toBeCloseTo(0.05 + 0.05 * (48 / 50), 10);
    // Without the start read, the old observations would have pulled the median into the first bucket.
    expect(histogramQuantile(end, 0.5)).toBeLessThan(0.03);
  });

  it("cannot see past the highest finite bound, and has no quantile without observations", () => {
    const h = {
      buckets: [
        [0.1, 1],
        [Infinity, 10],
      ] as Array<[number, number]>,
      sum: 0,
      count: 10,
    };
    expect(histogramQuantile(h, 0.99)).toBe(0.1);
    expect(histogramQuantile({ buckets: [[Infinity, 0]], sum: 0, count: 0 }, 0.99)).toBeNull();
    expect(histogramQuantile(histogramDelta(h, h), 0.5)).toBeNull();
  });
});
