/** Cisco Spaces partner API hosts by region (shared/spec: current and legacy names). */
export const SPACES_REGIONS = [
  "https://partners.ciscospaces.io",
  "https://partners.ciscospaces.eu",
  "https://partners.ciscospaces.sg",
  "https://partners.dnaspaces.io",
  "https://partners.dnaspaces.eu",
] as const;
