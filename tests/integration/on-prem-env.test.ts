import { describe, expect, it } from "vitest";
import { bootAppOnSimulator } from "../helpers/app-in-process";
import { appForSuite } from "../helpers/suite-app";

// An on-prem app activated from the environment (SPACES_APP_TYPE=on-prem with SPACES_ACTIVATION_TOKEN):
// Floorpulse calls Cisco's on-prem activation, not the single-tenant one, and streams with the key.
describe("on-prem activation from the environment", () => {
  const app = appForSuite(
    () =>
      bootAppOnSimulator({ seed: 27, tenants: 1 }, async (sim) => ({
        DEMO_MODE: "off",
        SPACES_APP_TYPE: "on-prem",
        SPACES_ACTIVATION_TOKEN: await sim.mintActivationToken(),
        SPACES_ALLOWED_BASE_URLS: sim.url,
      })),
    150_000,
  );

  it("activates as on-prem and streams", async () => {
    await app.waitFor(/firehose connected/, 30_000);
    const requests = (await (await fetch(`${app.sim.url}/admin/requests`)).json()) as {
      requests: Record<string, number>;
    };
    expect(requests.requests["POST /client/v1/partner/activateOnPremiseApp"]).toBe(1);
    expect(requests.requests["POST /client/v1/partner/activateSingleTenantCloudApp"]).toBeUndefined();
    expect(await app.db.activation.findFirstOrThrow()).toMatchObject({ kind: "on-prem", status: "active" });
  }, 60_000);
});
