import { seriesWord } from "@/lib/history/table";

// One look per series everywhere (chart lines, toggles, legend swatches): colour plus a dash
// pattern, so lines stay apart for colour-blind eyes and in print.

const STYLES: Record<string, { color: string; dash?: string }> = {
  shown: { color: "var(--series-shown)" },
  camera: { color: "var(--series-camera)", dash: "6 3" },
  people: { color: "var(--series-people)", dash: "2 3" },
  wifi_users: { color: "var(--series-wifi-users)", dash: "8 3 2 3" },
  wifi_devices: { color: "var(--series-wifi-devices)", dash: "1 4" },
  typical: { color: "var(--series-typical)", dash: "4 4" },
};

export function seriesStyle(name: string): { color: string; dash?: string } {
  return STYLES[name] ?? { color: "var(--series-other)", dash: "3 2" };
}

export { seriesWord };
