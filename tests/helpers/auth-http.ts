import type { AppServer } from "./app-server";

// HTTP steps a browser takes to sign in, for tests that talk to the real server with fetch.

export function simulatorUrl(app: AppServer): string {
  const m = app.output().match(/"url":"(http:\/\/[^"]+)"[^\n]*built-in Cisco Spaces simulator started/);
  if (!m) throw new Error(`no simulator URL in the server output:\n${app.output().slice(0, 2000)}`);
  return m[1]!;
}

export interface Browser {
  cookie: string;
  csrf: string;
}

/** Turns Set-Cookie headers into what the browser sends back, and the CSRF token it can read. */
export function browserFrom(res: Response): Browser {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), csrf: jar.get("fp_csrf") ?? "" };
}

export async function signIn(app: AppServer, email: string, password: string): Promise<Browser> {
  const res = await fetch(`${app.url}/auth/session`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
    body: new URLSearchParams({ email, password, next: "/" }),
  });
  if (res.status !== 303 || res.headers.get("location") !== "/")
    throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location")}`);
  return browserFrom(res);
}

export async function mintLaunch(sim: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${sim}/admin/tokens/launch`, { method: "POST", body: JSON.stringify(body) });
  return ((await res.json()) as { token: string }).token;
}

export async function mintActivation(sim: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${sim}/admin/tokens/activation`, { method: "POST", body: JSON.stringify(body) });
  return ((await res.json()) as { token: string }).token;
}

/** The app-tile POST as a browser's auto-submitting form sends it. */
export function launch(
  app: AppServer,
  fields: Record<string, string>,
  o: { json?: boolean; cookie?: string } = {},
): Promise<Response> {
  return fetch(`${app.url}/auth/appLogin`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": o.json ? "application/json" : "application/x-www-form-urlencoded",
      ...(o.cookie ? { Cookie: o.cookie } : {}),
    },
    body: o.json ? JSON.stringify(fields) : new URLSearchParams(fields),
  });
}
