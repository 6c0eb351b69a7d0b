// The engine's time rules, in event time (recordTimestamp), shared with how numbers are presented.

/** A reported count (camera, people, users, device counts) is current this long after it was sent. */
export const COUNT_FRESH_MS = 15 * 60_000;
/** A device unheard of for this long has left (Cisco marks devices inactive after 10 minutes). */
export const DEVICE_TTL_MS = 10 * 60_000;
/** An unchanged count is re-emitted when its inputs are this much newer, to keep "updated N s ago" true. */
export const FRESHNESS_STEP_MS = 5_000;
/**
 * Wi-Fi devices per person until a building has learned its own (ratio.ts): office workers commonly
 * carry a phone and a laptop, and not everyone connects both, so a little under two. Not a setting:
 * it is replaced as soon as a people count and a device count are seen together.
 */
export const DEFAULT_DEVICES_PER_PERSON = 1.7;
