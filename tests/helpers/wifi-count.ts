import { DEFAULT_DEVICES_PER_PERSON } from "@/lib/occupancy/rules";

/** The occupancy a location shows for `devices` Wi-Fi devices at `at`, through the default ratio (none learned). */
export const wifi = (devices: number, at: number) => ({
  count: Math.round(devices / DEFAULT_DEVICES_PER_PERSON),
  source: "wifi_devices",
  rollup: false,
  mixed: false,
  at,
  devices,
  ratio: DEFAULT_DEVICES_PER_PERSON,
  learned: false,
});
