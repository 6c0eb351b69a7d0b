import { describe, expect, it } from "vitest";
import { bootAppOnSimulator } from "../helpers/app-in-process";
import { appForSuite } from "../helpers/suite-app";
import { json } from "../helpers/oauth-activation";

// Cisco refusing the API key for a long time (say, during an outage of its own) is not the customer
// removing the app: the activation "needs attention" with a message that says what to check, the
// stream keeps retrying, and it is active again as soon as Cisco accepts the key.
describe("a key Cisco Spaces refuses for a long time", () => {
  const app = appForSuite(
    () =>
      bootAppOnSimulator({ seed: 26, tenants: 1 }, (sim) => ({
        SIMULATOR_URL: sim.url,
        FIREHOSE_UNAUTHORIZED_RETRY_MS: "500",
        FIREHOSE_ATTENTION_AFTER_MS: "2000",
      })),
    150_000,
  );

  it("needs attention, is never deactivated for it, and recovers when the key is accepted again", async () => {
    await app.waitFor(/firehose connected/);
    const fault = await json<{ id: string }>(
      await fetch(`${app.sim.url}/admin/faults`, {
        method: "POST",
        body: JSON.stringify({ type: "unauthorized", seconds: 600 }),
      }),
    );
    await app.waitFor(/the activation needs attention/, 30_000);
    await expect
      .poll(async () => (await app.db.activation.findFirstOrThrow()).statusMessage ?? "", { timeout: 10_000 })
      .toMatch(
        /^Needs attention: Cisco Spaces has refused the API key since .*Check that Floorpulse is still activated/,
      );
    expect((await app.db.activation.findFirstOrThrow()).status).toBe("unhealthy");

    await fetch(`${app.sim.url}/admin/faults/${fault.id}`, { method: "DELETE" });
    await expect
      .poll(async () => (await app.db.activation.findFirstOrThrow()).status, { timeout: 30_000 })
      .toBe("active");
    expect(app.output()).not.toMatch(/activation deactivated/);
  }, 120_000);
});
