import { hkdfSync } from "node:crypto";
import type { Config } from "@/lib/config";
import { firstActiveTenantAt, hasActivationOutside } from "@/lib/store/demo-tenant";
import { createDemoState, type DemoState } from "./demo-state";
import type { Logger } from "@/lib/log";
import { allowedBaseUrlsOf, GUIDE_EXAMPLE_REDIRECT_URI } from "@/lib/spaces/regions";
import type { Db } from "@/lib/store/db";
import { resolveDataKey } from "@/lib/crypto/data-key";
import { isLoopbackHost } from "./demo";
import { createKeyCache, type KeyCache } from "./public-keys";
import { createLimit, createLockout, type Limit, type Lockout } from "@/lib/http/rate-limit";
import { createMemoryLimitStore, type LimitStore } from "@/lib/http/limit-store";
import { allowedRedirectUris } from "./redirect-uris";
import { normaliseEmail } from "./roles";
import { ensureFirstAdmin } from "./users";

// Everything the auth routes need that lives for the whole process: settings derived from config and
// the simulator, the key cache, rate limiters, the data key. server.ts builds it once and puts it in
// the registry.

export interface AuthSettings {
  /** Launch and activation tokens must name this app; null accepts the app of the tenant's activation. */
  appId: string | null;
  allowedBaseUrls: string[];
  regionBaseUrl: string | null;
  oauth: { clientId: string; clientSecret: string | null; redirectUris: string[] };
  publicUrl: string;
  https: boolean;
  sessionTtlMs: number;
  demo: { enabled: boolean; simulatorUrl: string | null; listensOnLoopbackOnly: boolean };
  supportEmail: string | null;
  launchAdmins: ReadonlySet<string>;
  trustProxy: boolean;
  /** Trusted proxy hops in front of us: 0 without TRUST_PROXY (see lib/http/client-address). */
  proxyHops: number;
  dev: boolean;
}

export interface AuthContext {
  settings: AuthSettings;
  log: Logger;
  keys: KeyCache;
  /** Rate limits (lib/http/rate-limit), in the shared store when REDIS_URL is set; settings in lib/config. */
  limits: {
    /** Sign-in, launch, OAuth token, /appInfo: per address; OAuth token also per client_id. */
    auth: Limit;
    /** /setup activations: per address and per admin. */
    setup: Limit;
    /** App-tile launches per verified Cisco Spaces user. */
    launch: Limit;
    /** "You are here" asks Cisco once per request; a phone polls every 3 s (20 a minute). */
    here: Limit;
    hereKiosk: Limit;
    /** Requests without a session, per address: display status, codes, images, kiosk-token API calls, bad credentials. */
    display: Limit;
    /** API calls per display link. */
    kiosk: Limit;
    /** Socket.IO handshakes per address. */
    socketConnect: Limit;
    account: Lockout;
  };
  dataKey: Buffer;
  /** HMAC key of the access tokens our OAuth token endpoint signs. */
  accessTokenKey: Uint8Array;
  now: () => number;
  fetch: typeof fetch;
  /** The demo tenant (the simulator's activation), once it exists. */
  demoTenantId(db: Db): Promise<string | null>;
  /** Demo mode as a state: ends when a real activation exists (lib/auth/demo-state). */
  demo: DemoState;
  /** A multi-tenant cloud app's partner key and region (SPACES_APP_TYPE=multi-tenant): OAuth customers are served with it. */
  partnerApp: { apiKey: string; baseUrl: string } | null;
}

export interface SimulatorInfo {
  url: string;
  /** Unknown when the simulator runs in another process (SIMULATOR_URL). */
  appId: string | null;
}

export function buildAuthSettings(c: Config, o: { publicUrl: string; simulator: SimulatorInfo | null }): AuthSettings {
  const sim = o.simulator;
  const allowedBaseUrls = [...allowedBaseUrlsOf(c), ...(sim ? [sim.url] : [])];
  const extraRedirects = [
    ...(c.OAUTH_REDIRECT_URIS ?? []),
    ...(c.SPACES_SANDBOX_HOSTS ? [GUIDE_EXAMPLE_REDIRECT_URI] : []),
    ...(sim ? [`${sim.url}/partner/OAuthValidation`] : []),
  ];
  return {
    appId: c.APP_ID ?? sim?.appId ?? null,
    allowedBaseUrls: [...new Set(allowedBaseUrls.map((u) => (u.includes("*") ? u : new URL(u).origin)))],
    regionBaseUrl: c.SPACES_BASE_URL ?? null,
    oauth: {
      clientId: c.OAUTH_CLIENT_ID,
      clientSecret: c.OAUTH_CLIENT_SECRET ?? null,
      redirectUris: allowedRedirectUris(extraRedirects),
    },
    publicUrl: o.publicUrl,
    https: o.publicUrl.startsWith("https:"),
    sessionTtlMs: c.SESSION_TTL_HOURS * 3_600_000,
    demo: {
      enabled: Boolean(sim) && c.DEMO_MODE === "auto",
      simulatorUrl: sim?.url ?? null,
      listensOnLoopbackOnly: isLoopbackHost(c.HOST),
    },
    supportEmail: c.SUPPORT_EMAIL ?? null,
    launchAdmins: new Set((c.LAUNCH_ADMIN_EMAILS ?? "").split(",").map(normaliseEmail).filter(Boolean)),
    trustProxy: c.TRUST_PROXY,
    proxyHops: c.TRUST_PROXY ? c.TRUST_PROXY_HOPS : 0,
    dev: c.NODE_ENV === "development",
  };
}

export async function createAuthContext(o: {
  config: Config;
  db: Db;
  log: Logger;
  publicUrl: string;
  simulator: SimulatorInfo | null;
  fetch?: typeof fetch;
  now?: () => number;
  /** Where rate-limit counts live (default: this process's memory). */
  limitStore?: LimitStore;
  /** Told of every refused hit, by limit name (a metric). */
  onLimited?(name: string): void;
}): Promise<AuthContext> {
  const now = o.now ?? Date.now;
  const settings = buildAuthSettings(o.config, o);
  const dataKey = resolveDataKey(o.config);
  if (
    o.config.ADMIN_EMAIL &&
    o.config.ADMIN_PASSWORD &&
    (await ensureFirstAdmin(o.db, o.config.ADMIN_EMAIL, o.config.ADMIN_PASSWORD))
  ) {
    o.log.info({ email: normaliseEmail(o.config.ADMIN_EMAIL) }, "first admin created from ADMIN_EMAIL");
  }
  if (!settings.oauth.clientSecret)
    o.log.info("OAuth endpoints for multi-tenant activation are off: set OAUTH_CLIENT_SECRET to turn them on");
  if (settings.demo.enabled) o.log.info("demo mode: visitors on this machine see the simulator's tenant as its admin");
  let demoTenant: string | null = null;
  return {
    settings,
    log: o.log.child({ module: "auth" }),
    keys: createKeyCache({ fetch: o.fetch, now }),
    limits: authLimits(o.config, o.limitStore ?? createMemoryLimitStore(now), o.onLimited),
    dataKey,
    accessTokenKey: new Uint8Array(hkdfSync("sha256", dataKey, Buffer.alloc(0), "floorpulse oauth access token", 32)),
    now,
    fetch: o.fetch ?? fetch,
    demo: createDemoState({
      enabled: settings.demo.enabled,
      realActivationExists: () =>
        settings.demo.simulatorUrl ? hasActivationOutside(o.db, settings.demo.simulatorUrl) : Promise.resolve(true),
      log: o.log.child({ module: "demo" }),
      now,
    }),
    partnerApp:
      o.config.SPACES_APP_TYPE === "multi-tenant" && o.config.SPACES_API_KEY && o.config.SPACES_BASE_URL
        ? { apiKey: o.config.SPACES_API_KEY, baseUrl: o.config.SPACES_BASE_URL.replace(/\/+$/, "") }
        : null,
    async demoTenantId(db) {
      if (demoTenant || !settings.demo.simulatorUrl) return demoTenant;
      demoTenant = await firstActiveTenantAt(db, settings.demo.simulatorUrl);
      return demoTenant;
    },
  };
}

function authLimits(c: Config, store: LimitStore, onLimited?: (name: string) => void): AuthContext["limits"] {
  const limit = (name: string, perMinute: number) => createLimit({ name, store, perMinute, onLimited });
  return {
    auth: limit("auth", c.RATE_LIMIT_AUTH_PER_MINUTE),
    setup: limit("setup", c.RATE_LIMIT_SETUP_PER_MINUTE),
    launch: limit("launch", c.RATE_LIMIT_LAUNCH_PER_USER_PER_MINUTE),
    here: limit("here", c.RATE_LIMIT_HERE_PER_MINUTE),
    // Per kiosk link, whatever the addresses: a photographed code cannot become a locator for the venue.
    hereKiosk: limit("here_kiosk", c.RATE_LIMIT_HERE_PER_KIOSK_PER_MINUTE),
    // A screen asks a few times a minute, so an address trying link after link runs out quickly.
    display: limit("display", c.RATE_LIMIT_DISPLAY_PER_MINUTE),
    kiosk: limit("kiosk", c.RATE_LIMIT_KIOSK_PER_MINUTE),
    socketConnect: limit("socket", c.RATE_LIMIT_SOCKET_CONNECTS_PER_MINUTE),
    account: createLockout({ store, maxFailures: c.ACCOUNT_LOCKOUT_FAILURES, windowMs: 15 * 60_000 }),
  };
}
