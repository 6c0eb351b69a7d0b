import { esc, htmlPage, messagePage } from "@/lib/http/html";
import { rateLimitOrThrow, retryAfterHeaders } from "@/lib/http/rate-limit";
import { checkAuthorizeRequest } from "@/lib/auth/oauth";
import { authRegistryOrThrow } from "@/lib/auth/registry";

// The OAuth Login URL Cisco Spaces sends a customer to when they activate Floorpulse. client_id and
// redirect_uri are checked before anything else; a mismatch is explained here and never redirected.
export async function GET(req: Request) {
  const { auth } = authRegistryOrThrow();
  try {
    await rateLimitOrThrow(auth.limits.auth, req, auth.settings.proxyHops);
  } catch (e) {
    return messagePage({
      status: 429,
      title: "Too many attempts",
      lead: (e as Error).message,
      headers: retryAfterHeaders(e),
    });
  }
  const q = Object.fromEntries(new URL(req.url).searchParams);
  const check = checkAuthorizeRequest(q, auth.settings);
  if (!check.ok) {
    return messagePage({
      status: 400,
      title: "Configuration mismatch",
      lead: "Cisco Spaces asked Floorpulse to sign you in, but the request does not match this Floorpulse's OAuth settings.",
      detail: check.problem,
      hint: "Nothing was sent anywhere. The app's App Tile settings in the Cisco Spaces Partner Dashboard must name this Floorpulse's Client ID and Cisco's own redirect URI.",
    });
  }
  const r = check.request;
  const hidden = [
    ["client_id", r.clientId],
    ["redirect_uri", r.redirectUri],
    ["response_type", "code"],
    ["state", r.state],
  ]
    .map(([n, v]) => `<input type="hidden" name="${n}" value="${esc(v!)}">`)
    .join("");
  const failed =
    q.error === "credentials"
      ? `<p class="detail" role="alert">That email and password do not match a Floorpulse admin.</p>`
      : "";
  const signupFailed =
    q.error === "signup"
      ? `<p class="detail" role="alert">${esc(q.detail ?? "That account could not be created.")}</p>`
      : "";
  return htmlPage(
    200,
    "Connect Cisco Spaces",
    `<div class="card">
<h1>Connect Cisco Spaces to Floorpulse</h1>
<p class="lead">Sign in with your Floorpulse admin account. Cisco Spaces then links your Cisco Spaces account to it and returns you to ${esc(new URL(r.redirectUri).host)}.</p>
${failed}
<form method="post" action="/auth/session">${hidden}
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in and connect</button>
</form>
<h2>New to Floorpulse?</h2>
<p class="lead">Create your account here. It becomes the admin of the Cisco Spaces account you are activating, and of that one only.</p>
${signupFailed}
<form method="post" action="/auth/session">${hidden}<input type="hidden" name="create" value="1">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password (at least 10 characters) <input name="password" type="password" autocomplete="new-password" minlength="10" required></label>
<button type="submit">Create account and connect</button>
</form></div>`,
  );
}
