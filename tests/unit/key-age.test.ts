import { describe, expect, it } from "vitest";
import { keyRenewalDue } from "@/lib/activation/key-age";
import { OWN_API_KEY_APP_ID } from "@/lib/activation/api-key";

// Cisco recommends renewing an app's API key every 90 days (Partner Ecosystem Guide): the setup page
// says so once a key this install holds is that old, with the way to renew that fits the activation.

const DAY = 86_400_000;
const now = Date.parse("2026-12-04T12:00:00Z");
const setAt = (days: number) => new Date(now - days * DAY).toISOString();

describe("API key renewal reminder", () => {
  it("is quiet for a key younger than 90 days and speaks from day 90", () => {
    expect(keyRenewalDue({ kind: "oauth", appId: "app", keySetAt: setAt(89.9) }, now)).toBeNull();
    expect(keyRenewalDue({ kind: "oauth", appId: "app", keySetAt: setAt(90) }, now)).toMatchObject({ ageDays: 90 });
  });

  it("sends a partner or own key to the Partner Dashboard's Renew, and a token activation to re-activation", () => {
    for (const a of [
      { kind: "oauth", appId: "app" },
      { kind: "single-tenant", appId: OWN_API_KEY_APP_ID },
    ])
      expect(keyRenewalDue({ ...a, keySetAt: setAt(120) }, now)?.how).toMatch(/Renew.*SPACES_API_KEY/);
    for (const kind of ["single-tenant", "on-prem"])
      expect(keyRenewalDue({ kind, appId: "app", keySetAt: setAt(120) }, now)?.how).toMatch(/activation token/);
  });
});
