import { randomBytes } from "node:crypto";

// Plays Cisco Spaces against a partner app's OAuth endpoints (multi-tenant cloud activation, partner
// guide "Cloud: OAuth Integration"): send the browser to the OAuth Login URL with client_id,
// redirect_uri, response_type=code and state; receive code and state on /partner/OAuthValidation;
// POST the OAuth Token URL form-encoded; GET the App Info URL with the Bearer token. Every step's
// result is kept for tests to read.

export interface OAuthConfig {
  loginUrl: string;
  tokenUrl: string;
  appInfoUrl: string;
  clientId: string;
  clientSecret: string;
  tenant: number;
}

export type OAuthStepName = "authorize" | "callback" | "token" | "appInfo" | "activate";

export interface OAuthStep {
  step: OAuthStepName;
  ok: boolean;
  at: number;
  status?: number;
  detail: string;
  body?: unknown;
}

export interface OAuthRun {
  id: string;
  state: string;
  tenant: number;
  clientId: string;
  loginUrl: string;
  tokenUrl: string;
  appInfoUrl: string;
  redirectUri: string;
  authorizeUrl: string;
  status: "pending" | "succeeded" | "failed";
  partnerTenantId: string | null;
  userEmail: string | null;
  activationRef: string | null;
  steps: OAuthStep[];
}

export interface OAuthDriver {
  start(c: OAuthConfig): OAuthRun;
  /** Handles the partner's redirect back to /partner/OAuthValidation. */
  callback(query: URLSearchParams): Promise<OAuthRun | { error: string }>;
  runs(): OAuthRun[];
}

export interface OAuthDriverDeps {
  redirectUri: () => string;
  now: () => number;
  fetch?: typeof fetch;
  /** Called when every step passed; returns the activation's referenceId. */
  onActivated(run: OAuthRun): string;
}

const TIMEOUT_MS = 10_000;

type TokenAnswer = { access_token?: unknown; token_type?: unknown; scope?: unknown };
type AppInfoAnswer = { partnerTenantId?: unknown; userEmail?: unknown };

interface Exchange<T> {
  step: "token" | "appInfo";
  /** The URL's name in the step's detail. */
  what: string;
  request: () => Promise<Response>;
  /** Whether each part of a 200 answer is right, and what the step says when it is not. */
  checks: (answer: T) => Array<[ok: boolean, detail: string]>;
  /** The body kept in the step (a token is cut short). */
  shown: (body: unknown, answer: T) => unknown;
  /** The step's detail when every check passed. */
  passed: string;
}

export function createOAuthDriver(d: OAuthDriverDeps): OAuthDriver {
  const runs = new Map<string, OAuthRun>();
  const secrets = new Map<string, string>();
  const doFetch = d.fetch ?? fetch;

  const step = (run: OAuthRun, s: Omit<OAuthStep, "at">) => {
    run.steps.push({ ...s, at: d.now() });
    if (!s.ok) run.status = "failed";
    return s.ok;
  };
  const readBody = async (res: Response): Promise<unknown> => {
    const text = await res.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text.slice(0, 2000);
    }
  };

  /**
   * One call to the partner app: the request, HTTP 200, then the answer's checks in order; the first
   * that fails ends the run. The answer (an empty object when the body is not one), or null on failure.
   */
  const exchange = async <T extends object>(run: OAuthRun, x: Exchange<T>): Promise<T | null> => {
    const fail = (s: Omit<OAuthStep, "at" | "ok" | "step">) => (step(run, { step: x.step, ok: false, ...s }), null);
    let res: Response;
    let body: unknown;
    try {
      res = await x.request();
      body = await readBody(res);
    } catch (e) {
      return fail({ detail: `${x.what} unreachable: ${(e as Error).message}` });
    }
    if (res.status !== 200) return fail({ status: res.status, detail: `${x.what} answered HTTP ${res.status}`, body });
    const answer = (body && typeof body === "object" ? body : {}) as T;
    const shown = x.shown(body, answer);
    const failed = x.checks(answer).find(([ok]) => !ok);
    if (failed) return fail({ status: 200, detail: failed[1], body: shown });
    step(run, { step: x.step, ok: true, status: 200, detail: x.passed, body: shown });
    return answer;
  };

  return {
    start(c) {
      const state = randomBytes(16).toString("hex").toUpperCase();
      const redirectUri = d.redirectUri();
      const url = new URL(c.loginUrl);
      url.searchParams.set("client_id", c.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("state", state);
      const run: OAuthRun = {
        id: `oauth-${randomBytes(6).toString("hex")}`,
        state,
        tenant: c.tenant,
        clientId: c.clientId,
        loginUrl: c.loginUrl,
        tokenUrl: c.tokenUrl,
        appInfoUrl: c.appInfoUrl,
        redirectUri,
        authorizeUrl: url.toString(),
        status: "pending",
        partnerTenantId: null,
        userEmail: null,
        activationRef: null,
        steps: [],
      };
      step(run, { step: "authorize", ok: true, detail: "redirect to the OAuth Login URL issued" });
      runs.set(run.id, run);
      secrets.set(run.id, c.clientSecret);
      return run;
    },

    async callback(q) {
      const state = q.get("state") ?? "";
      const run = [...runs.values()].find((r) => r.state === state);
      if (!run)
        return { error: "Unknown or missing state: this redirect does not belong to an activation in progress." };
      if (run.status !== "pending") return { error: `This activation already ${run.status}; start a new one.` };
      const code = q.get("code") ?? "";
      if (q.get("error"))
        return (step(run, { step: "callback", ok: false, detail: `partner returned error=${q.get("error")}` }), run);
      if (!code) return (step(run, { step: "callback", ok: false, detail: "no code on the redirect" }), run);
      step(run, { step: "callback", ok: true, detail: "code and state received" });

      const token = await exchange<TokenAnswer>(run, {
        step: "token",
        what: "OAuth Token URL",
        request: () =>
          doFetch(run.tokenUrl, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
            body: new URLSearchParams({
              code,
              grant_type: "authorization_code",
              state,
              client_id: run.clientId,
              client_secret: secrets.get(run.id) ?? "",
              redirect_uri: run.redirectUri,
            }).toString(),
            redirect: "manual",
            signal: AbortSignal.timeout(TIMEOUT_MS),
          }),
        checks: (t) => [
          [typeof t.access_token === "string" && !!t.access_token, "no access_token in the answer"],
          [typeof t.token_type === "string" && t.token_type.toLowerCase() === "bearer", 'token_type is not "Bearer"'],
          [typeof t.scope === "string" && !!t.scope, "scope (the partnerTenantId) is missing"],
        ],
        shown: (_body, t) => ({
          ...t,
          access_token: typeof t.access_token === "string" ? `${t.access_token.slice(0, 12)}…` : t.access_token,
        }),
        passed: "access token received",
      });
      if (!token) return run;

      const partnerTenantId = token.scope as string;
      const info = await exchange<AppInfoAnswer>(run, {
        step: "appInfo",
        what: "App Info URL",
        request: () => {
          const url = new URL(run.appInfoUrl);
          url.searchParams.set("partnerTenantId", partnerTenantId);
          return doFetch(url, {
            headers: {
              Authorization: `Bearer ${token.access_token as string}`,
              "Content-Type": "application/json",
              Accept: "application/json",
            },
            redirect: "manual",
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
        },
        checks: (i) => [
          [i.partnerTenantId === partnerTenantId, "partnerTenantId differs from the token's scope"],
          [typeof i.userEmail === "string" && !!i.userEmail, "userEmail is missing"],
        ],
        shown: (body) => body,
        passed: "app info received",
      });
      if (!info) return run;
      run.userEmail = info.userEmail as string;

      run.partnerTenantId = partnerTenantId;
      run.activationRef = d.onActivated(run);
      run.status = "succeeded";
      step(run, { step: "activate", ok: true, detail: `tenant activated as partnerTenantId ${partnerTenantId}` });
      return run;
    },

    runs: () => [...runs.values()],
  };
}
