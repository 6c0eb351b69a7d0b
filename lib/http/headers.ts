/** The TCP peer's address: server.ts sets it on every request it hands to Next (and drops any a client sent). */
export const CLIENT_IP_HEADER = "x-floorpulse-client-ip";
