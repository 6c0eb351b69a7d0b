import type { Scenario } from "../lib/scenario";
import { ACCURACY_FIGURES, accuracy } from "./accuracy";
import type { Figures, Target } from "../lib/stats";
import { browser } from "./browser";
import { catchup } from "./catchup";
import { e2e } from "./e2e";
import { fanout } from "./fanout";
import { history } from "./history";
import { ingest } from "./ingest";
import { parse } from "./parse";

export const SCENARIOS: Scenario[] = [parse, ingest, e2e, fanout, catchup, history, browser, accuracy];

/** Every figure of the JSON line: issue 11's in their order, then issue 18's, then issue 21's forecast (load parameters last). */
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
  ...ACCURACY_FIGURES,
  "e2e_server_p99_ms",
  "e2e_dropped_clients",
  "e2e_lagging_clients",
  "rss_idle_mb",
  "map_draw_ms_p95_10k",
  "map_draw_ms_p95_50k",
  "map_dropped_frames_10k",
  "map_dropped_frames_50k",
  "chart_drawn_ms_p95",
  "history_query_ms_p95_cold",
  "pg_ingest_events_per_s",
  "forecast_mape_1h",
  "forecast_mape_1h_stored",
  "forecast_interval_coverage",
  "load_events_per_s",
  "clients",
  "catchup_events",
  "map_devices",
  "map_devices_large",
  "history_rows",
  "catchup_rollups_equal",
  "accuracy_samples",
];

const ratio = (k: number) => (f: Figures) => k * (f.json_parse_events_per_s ?? NaN);

/** A correctness target: missing it fails the run, where a speed target only prints its verdict. */
const correctness = (figure: string, kind: Target["kind"], value: number, label: string): Target => ({
  figure,
  kind,
  value,
  label,
  correctness: true,
});

/** Issue 18's targets. Speed targets print a verdict; correctness ones also fail the run (exit 1). */
export const TARGETS: Target[] = [
  { figure: "ingest_events_per_s", kind: "min", value: 80_000, label: "ingest >= 80,000 events/s (SQLite)" },
  { figure: "ingest_events_per_s", kind: "min", value: ratio(0.4), label: "ingest >= 0.40 x JSON.parse" },
  { figure: "pg_ingest_events_per_s", kind: "min", value: 40_000, label: "ingest >= 40,000 events/s (PostgreSQL)" },
  { figure: "catchup_s", kind: "max", value: 40, label: "catch-up of 3,000,000 events <= 40 s" },
  correctness("catchup_rollups_equal", "min", 1, "catch-up rollups equal a clean run"),
  { figure: "rss_max_mb", kind: "max", value: 350, label: "RSS <= 350 MB under ingest (process tree)" },
  { figure: "rss_idle_mb", kind: "max", value: 200, label: "RSS <= 200 MB idle (process tree)" },
  { figure: "rss_drift_mb", kind: "max", value: 10, label: "RSS drift <= 10 MB in 10 min at 20k events/s" },
  { figure: "e2e_p99_ms", kind: "max", value: 100, label: "e2e p99 <= 100 ms (5,000 ev/s, 1,000 clients)" },
  { figure: "e2e_server_p99_ms", kind: "max", value: 30, label: "server-side p99 <= 30 ms (read -> socket write)" },
  { figure: "e2e_dropped_clients", kind: "max", value: 0, label: "e2e: 0 dropped clients" },
  { figure: "fanout_cpu_pct", kind: "max", value: 50, label: "fan-out <= 50 % of a core (5,000 clients, 4/s)" },
  { figure: "reconnect_storm_s", kind: "max", value: 5, label: "reconnect storm <= 5 s (5,000 clients)" },
  { figure: "map_draw_ms_p95_10k", kind: "max", value: 8, label: "map draw p95 <= 8 ms (10,000 devices)" },
  { figure: "map_draw_ms_p95_50k", kind: "max", value: 25, label: "map draw p95 <= 25 ms (50,000 devices)" },
  { figure: "chart_drawn_ms_p95", kind: "max", value: 25, label: "chart update, data -> drawn, p95 <= 25 ms" },
  { figure: "history_query_ms_p95", kind: "max", value: 15, label: "history p95 <= 15 ms warm" },
  { figure: "history_query_ms_p95_cold", kind: "max", value: 60, label: "history p95 <= 60 ms cold" },
  { figure: "cold_start_s", kind: "max", value: 3, label: "cold start <= 3 s (start -> first live update)" },
  correctness("accuracy_floor_mape", "max", 10, "floor MAPE <= 10 % (vs simulator truth)"),
  correctness("accuracy_building_mape", "max", 10, "building MAPE <= 10 %"),
  correctness("accuracy_zone_mape", "max", 20, "zone MAPE <= 20 % (zones with a people source)"),
  correctness("hierarchy_inversions", "max", 0, "no parent below one of its children"),
  correctness("forecast_mape_1h", "max", 25, "forecast 1 h ahead MAPE <= 25 % (vs simulator truth)"),
];
