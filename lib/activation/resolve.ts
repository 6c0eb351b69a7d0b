import type { Config } from "@/lib/config";
import type { Logger } from "@/lib/log";
import { allowedBaseUrlsOf, keyTargetCheck, SPACES_REGIONS } from "@/lib/spaces/regions";
import {
  activationRefUsed,
  findActiveActivations,
  resealOAuthActivations,
  setActivationStatus,
  type ActiveActivation,
} from "@/lib/store/activations";
import type { Db } from "@/lib/store/db";
import { activateWithToken } from "./activate";
import { normaliseBaseUrl, peekActivationToken } from "./activation-token";
import { ensureApiKeyActivation } from "./api-key";

// Which activations a worker streams, by how this install is connected to Cisco Spaces (README
// "Connecting to Cisco Spaces"). At start it makes sure the configured one exists (the simulator's demo
// activation, an activation token, a customer's own key, a multi-tenant app's partner key on its OAuth
// customers); afterwards it lists what to stream, as often as the supervisor asks.

export interface ResolveOptions {
  db: Db;
  config: Config;
  log: Logger;
  /** The simulator standing in for Cisco Spaces, when no activation is configured. */
  simulatorUrl: string | null;
  /** Where Cisco opens the dashboard (the App Launch URL of a single-tenant activation). */
  publicUrl: string;
  fetch?: typeof fetch;
  /** The data key (lib/crypto/data-key resolveDataKey of the config). */
  dataKey: Buffer;
}

/** Prepares the configured activation, then returns how to list the activations to stream. */
export async function prepareActivations(o: ResolveOptions): Promise<() => Promise<ActiveActivation[]>> {
  const { db, config: c, log } = o;
  const allowed = allowedBaseUrlsOf(c);
  const refuseBaseUrl = keyTargetCheck([...allowed, ...(o.simulatorUrl ? [new URL(o.simulatorUrl).origin] : [])]);
  const dashboardUrl = o.publicUrl ? `${o.publicUrl}/auth/appLogin` : undefined;
  const told = new Set<string>();
  const all = () =>
    findActiveActivations(db, o.dataKey, {
      refuseBaseUrl,
      onSkip: (activationId, reason) => {
        // Listed again every ACTIVATION_POLL_MS: say it once per activation and reason, not every poll.
        if (told.has(`${activationId}|${reason}`)) return;
        told.add(`${activationId}|${reason}`);
        log.warn({ activation: activationId, reason }, "activation not streamed");
      },
    });

  if (c.SPACES_APP_TYPE === "multi-tenant" && c.SPACES_API_KEY && c.SPACES_BASE_URL) {
    // Every OAuth customer rides on the app's partner key: a rotated key reaches them all.
    const changed = await resealOAuthActivations(
      db,
      {
        partnerKey: c.SPACES_API_KEY,
        baseUrl: normaliseBaseUrl(c.SPACES_BASE_URL),
      },
      o.dataKey,
    );
    if (changed) log.info({ activations: changed }, "OAuth activations now use the configured partner key");
    return all;
  }
  if (o.simulatorUrl) {
    const sim = normaliseBaseUrl(o.simulatorUrl);
    const mine = async () => (await all()).filter((a) => a.baseUrl === sim);
    if ((await mine()).length) return mine;
    // A demo activation from a simulator on another port cannot be reached any more.
    for (const a of await all()) {
      if (!SPACES_REGIONS.includes(normaliseBaseUrl(a.baseUrl) as (typeof SPACES_REGIONS)[number]))
        await setActivationStatus(db, a.id, "deactivated", "simulator moved");
    }
    const res = await (o.fetch ?? fetch)(`${o.simulatorUrl}/admin/tokens/activation`, { method: "POST", body: "{}" });
    const { token } = (await res.json()) as { token: string };
    await activateWithToken({
      token,
      kind: "single-tenant",
      allowedBaseUrls: [o.simulatorUrl],
      dashboardUrl,
      db,
      log,
      dataKey: o.dataKey,
    });
    return mine;
  }
  if (c.SPACES_API_KEY && c.SPACES_BASE_URL) {
    // The getting-started path: the customer's own API key for their own account.
    await ensureApiKeyActivation(db, {
      apiKey: c.SPACES_API_KEY,
      baseUrl: c.SPACES_BASE_URL,
      allowedBaseUrls: allowed,
      dataKey: o.dataKey,
    });
    return all;
  }
  const token = c.SPACES_ACTIVATION_TOKEN;
  if (token) {
    const ref = peekActivationToken(token).activationRefId;
    if (!(await activationRefUsed(db, ref)))
      await activateWithToken({
        token,
        kind: c.SPACES_APP_TYPE === "on-prem" ? "on-prem" : "single-tenant",
        allowedBaseUrls: allowed,
        dashboardUrl,
        db,
        log,
        dataKey: o.dataKey,
      });
  }
  return all;
}
