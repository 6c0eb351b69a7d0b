import { OWN_API_KEY_APP_ID } from "./api-key";

// Cisco recommends renewing an app's API key "at specific intervals, such as once in 90 days" (Cisco
// Spaces Partner Ecosystem Guide, "API Credentials for Pull Channels", the note on renewing the app API
// key). Renewal is done by hand in the Partner Dashboard; Cisco documents no API for it. So Floorpulse
// tells the admin when a key it holds is older than that, and how to replace it.

export const KEY_RENEWAL_DAYS = 90;
const DAY_MS = 86_400_000;

export interface KeyRenewal {
  /** Whole days since this install first stored the key. */
  ageDays: number;
  /** What the admin does to replace it. */
  how: string;
}

/** Null while the key is younger than 90 days; else its age and how to renew it for this kind of activation. */
export function keyRenewalDue(a: { kind: string; appId: string; keySetAt: string }, now: number): KeyRenewal | null {
  const ageDays = Math.floor((now - Date.parse(a.keySetAt)) / DAY_MS);
  if (!(ageDays >= KEY_RENEWAL_DAYS)) return null;
  const dashboard =
    "In the Cisco Spaces Partner Dashboard open the app in Edit mode, Integration Details, API Credentials for Pull Channels, click Renew and copy the new key";
  if (a.kind === "oauth" || a.appId === OWN_API_KEY_APP_ID)
    return { ageDays, how: `${dashboard}; set SPACES_API_KEY to it and restart Floorpulse.` };
  return {
    ageDays,
    how: "Activate again with a new activation token (below): the new activation's API key replaces this one.",
  };
}
