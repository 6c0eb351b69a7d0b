/** Which Cisco Spaces region a base URL belongs to: the current and legacy host names are aliases. */
export function regionOf(baseUrl: string): string {
  const { hostname, origin } = new URL(baseUrl);
  const m = hostname.match(/(?:^|\.)(?:dnaspaces|ciscospaces)\.(io|eu|sg)$/);
  return m ? m[1]! : origin;
}

const REGION_NAMES: Record<string, string> = { io: "Rest of the World", eu: "Europe", sg: "Singapore" };

export function regionName(baseUrl: string): string {
  const r = regionOf(baseUrl);
  return REGION_NAMES[r] ?? r;
}
