/** Cisco Spaces partner API hosts by region (Cisco DevNet, Cisco Spaces Firehose "HTTP Streaming", and the older names of Cisco Spaces API Getting Started). */
export const SPACES_REGIONS = [
  "https://partners.ciscospaces.io",
  "https://partners.ciscospaces.eu",
  "https://partners.ciscospaces.sg",
  "https://partners.dnaspaces.io",
  "https://partners.dnaspaces.eu",
] as const;
