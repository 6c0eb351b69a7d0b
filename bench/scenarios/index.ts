import type { Scenario } from "../lib/scenario";
import { accuracy } from "./accuracy";
import type { Target } from "../lib/stats";
import { browser } from "./browser";
import { catchup } from "./catchup";
import { e2e } from "./e2e";
import { fanout } from "./fanout";
import { history } from "./history";
import { ingest } from "./ingest";
import { parse } from "./parse";

export const SCENARIOS: Scenario[] = [parse, ingest, e2e, fanout, catchup, history, browser, accuracy];

/** Every figure of the JSON line, in the order of issue 11 (load parameters last). */
export const FIGURES = [
  "json_parse_events_per_s",
  "decode_engine_events_per_s",
  "ingest_events_per_s",
  "rss_max_mb",
  "rss_drift_mb",
  "e2e_p50_ms",
  "e2e_p99_ms",
  "fanout_cpu_pct",
  "reconnect_storm_s",
  "catchup_s",
  "map_frame_ms_p95",
  "chart_render_ms_p95",
  "cold_start_s",
  "history_query_ms_p95",
  "accuracy_floor_mape",
  "accuracy_floor_p90",
  "accuracy_building_mape",
  "accuracy_building_p90",
  "accuracy_zone_mape",
  "accuracy_zone_p90",
  "hierarchy_inversions",
  "forecast_mape_1h",
  "forecast_mape_1h_stored",
  "forecast_interval_coverage",
  "load_events_per_s",
  "clients",
  "catchup_events",
  "map_devices",
  "history_rows",
  "catchup_rollups_equal",
  "accuracy_samples",
];

export const TARGETS: Target[] = [
  { figure: "ingest_events_per_s", kind: "min", value: 50_000, label: "ingest >= 50,000 events/s" },
  {
    figure: "ingest_events_per_s",
    kind: "min",
    value: (f) => 0.35 * (f.json_parse_events_per_s ?? NaN),
    label: "ingest >= 0.35 x JSON.parse",
  },
  { figure: "rss_max_mb", kind: "max", value: 300, label: "RSS < 300 MB" },
  { figure: "rss_drift_mb", kind: "max", value: 20, label: "no RSS drift (<= 20 MB in 10 min)" },
  { figure: "e2e_p99_ms", kind: "max", value: 100, label: "e2e p99 <= 100 ms (5,000 ev/s, 1,000 clients)" },
  { figure: "fanout_cpu_pct", kind: "max", value: 25, label: "fan-out <= 25 % of a core (2,000 clients)" },
  { figure: "reconnect_storm_s", kind: "max", value: 5, label: "reconnect storm <= 5 s" },
  { figure: "catchup_s", kind: "max", value: 60, label: "catch-up of 3,000,000 events <= 60 s" },
  { figure: "map_frame_ms_p95", kind: "max", value: 33, label: "map frame p95 <= 33 ms (10,000 devices)" },
  { figure: "chart_render_ms_p95", kind: "max", value: 25, label: "chart update <= 25 ms" },
  { figure: "cold_start_s", kind: "max", value: 5, label: "cold start <= 5 s" },
  { figure: "history_query_ms_p95", kind: "max", value: 20, label: "history p95 <= 20 ms" },
  {
    figure: "accuracy_floor_mape",
    kind: "max",
    value: 10,
    label: "floor MAPE <= 10 % (vs simulator truth)",
    correctness: true,
  },
  { figure: "accuracy_building_mape", kind: "max", value: 10, label: "building MAPE <= 10 %", correctness: true },
  {
    figure: "catchup_rollups_equal",
    kind: "min",
    value: 1,
    label: "catch-up rollups equal a clean run",
    correctness: true,
  },
  {
    figure: "accuracy_zone_mape",
    kind: "max",
    value: 20,
    label: "zone MAPE <= 20 % (zones with a people source)",
    correctness: true,
  },
  {
    figure: "hierarchy_inversions",
    kind: "max",
    value: 0,
    label: "no parent below one of its children",
    correctness: true,
  },
  {
    figure: "forecast_mape_1h",
    kind: "max",
    value: 25,
    label: "forecast 1 h ahead MAPE <= 25 % (vs simulator truth)",
    correctness: true,
  },
];
