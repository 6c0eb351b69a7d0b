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

      let token: { access_token?: unknown; token_type?: unknown; scope?: unknown };
      try {
        const res = await doFetch(run.tokenUrl, {
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
        });
        const body = await readBody(res);
        token = body && typeof body === "object" ? (body as typeof token) : {};
        const redacted = {
          ...token,
          access_token:
            typeof token.access_token === "string" ? `${token.access_token.slice(0, 12)}…` : token.access_token,
        };
        if (res.status !== 200)
          return (
            step(run, {
              step: "token",
              ok: false,
              status: res.status,
              detail: `OAuth Token URL answered HTTP ${res.status}`,
              body,
            }),
            run
          );
        if (typeof token.access_token !== "string" || !token.access_token)
          return (
            step(run, {
              step: "token",
              ok: false,
              status: 200,
              detail: "no access_token in the answer",
              body: redacted,
            }),
            run
          );
        if (typeof token.token_type !== "string" || token.token_type.toLowerCase() !== "bearer")
          return (
            step(run, { step: "token", ok: false, status: 200, detail: 'token_type is not "Bearer"', body: redacted }),
            run
          );
        if (typeof token.scope !== "string" || !token.scope)
          return (
            step(run, {
              step: "token",
              ok: false,
              status: 200,
              detail: "scope (the partnerTenantId) is missing",
              body: redacted,
            }),
            run
          );
        step(run, { step: "token", ok: true, status: 200, detail: "access token received", body: redacted });
      } catch (e) {
        return (
          step(run, { step: "token", ok: false, detail: `OAuth Token URL unreachable: ${(e as Error).message}` }),
          run
        );
      }

      const partnerTenantId = token.scope as string;
      try {
        const url = new URL(run.appInfoUrl);
        url.searchParams.set("partnerTenantId", partnerTenantId);
        const res = await doFetch(url, {
          headers: {
            Authorization: `Bearer ${token.access_token as string}`,
            "Content-Type": "application/json",
            Accept: "application/json",
          },
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body = await readBody(res);
        const info =
          body && typeof body === "object" ? (body as { partnerTenantId?: unknown; userEmail?: unknown }) : {};
        if (res.status !== 200)
          return (
            step(run, {
              step: "appInfo",
              ok: false,
              status: res.status,
              detail: `App Info URL answered HTTP ${res.status}`,
              body,
            }),
            run
          );
        if (info.partnerTenantId !== partnerTenantId)
          return (
            step(run, {
              step: "appInfo",
              ok: false,
              status: 200,
              detail: "partnerTenantId differs from the token's scope",
              body,
            }),
            run
          );
        if (typeof info.userEmail !== "string" || !info.userEmail)
          return (step(run, { step: "appInfo", ok: false, status: 200, detail: "userEmail is missing", body }), run);
        run.userEmail = info.userEmail;
        step(run, { step: "appInfo", ok: true, status: 200, detail: "app info received", body });
      } catch (e) {
        return (
          step(run, { step: "appInfo", ok: false, detail: `App Info URL unreachable: ${(e as Error).message}` }),
          run
        );
      }

      run.partnerTenantId = partnerTenantId;
      run.activationRef = d.onActivated(run);
      run.status = "succeeded";
      step(run, { step: "activate", ok: true, detail: `tenant activated as partnerTenantId ${partnerTenantId}` });
      return run;
    },

    runs: () => [...runs.values()],
  };
}
