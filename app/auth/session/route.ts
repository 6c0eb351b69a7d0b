import { isSameOrigin } from "@/lib/auth/csrf";
import { AppError } from "@/lib/errors";
import { readFields } from "@/lib/http/body";
import { errorPage, messagePage } from "@/lib/http/html";
import { lockoutOrThrow, rateLimitOrThrow } from "@/lib/http/rate-limit";
import { normaliseEmail } from "@/lib/auth/roles";
import { checkAuthorizeRequest, issueCode, redirectWithCode } from "@/lib/auth/oauth";
import { safeNextPath } from "@/lib/auth/next-path";
import { verifyPassword } from "@/lib/auth/password";
import { factsFromHeaders } from "@/lib/auth/principal";
import { startSessionResponse } from "@/lib/auth/session-response";
import { addUser, ensureUserTenant, findUserByEmail } from "@/lib/auth/users";
import { authRegistryOrThrow } from "@/lib/auth/registry";

// The sign-in form's target, for /signin and for the OAuth login page Cisco Spaces sends customers to.
// With OAuth parameters it ends at Cisco's redirect URI with a one-time code; otherwise on our dashboard.
const str = (v: unknown) => (typeof v === "string" ? v : "");

export async function POST(req: Request) {
  const { db, auth } = authRegistryOrThrow();
  const log = auth.log;
  try {
    await rateLimitOrThrow(auth.limits.auth, req, auth.settings.proxyHops);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return errorPage(e, { title: "Too many attempts", links: [{ href: "/signin", text: "Back to sign-in" }] });
  }
  if (!isSameOrigin(factsFromHeaders(req.headers), auth.settings.publicUrl)) {
    return messagePage({
      status: 403,
      title: "Sign-in refused",
      lead: "This sign-in form was sent from another site.",
    });
  }
  let f: Record<string, unknown>;
  try {
    f = await readFields(req);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return errorPage(e, { title: "Sign-in refused" });
  }
  const isOAuth = "client_id" in f || "redirect_uri" in f;
  const oauth = isOAuth
    ? checkAuthorizeRequest(
        {
          client_id: str(f.client_id),
          redirect_uri: str(f.redirect_uri),
          response_type: str(f.response_type),
          state: str(f.state),
        },
        auth.settings,
      )
    : null;
  if (oauth && !oauth.ok)
    return messagePage({ status: 400, title: "Cisco Spaces sign-in cannot continue", lead: oauth.problem });

  // Per account as well as per address: guesses spread over many addresses still run out.
  const account = `account:${normaliseEmail(str(f.email))}`;
  try {
    await lockoutOrThrow(auth.limits.account, account);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return errorPage(e, { title: "Too many attempts", links: [{ href: "/signin", text: "Back to sign-in" }] });
  }
  // A customer activating Floorpulse without an account creates one on the way (the partner guide
  // recommends a trial sign-up): an admin of a new organisation, which this activation connects.
  if (oauth?.ok && str(f.create) === "1") {
    const email = str(f.email);
    const password = str(f.password);
    const problem = !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
      ? "Enter a valid email address."
      : password.length < 10
        ? "Choose a password of at least 10 characters."
        : (await findUserByEmail(db, email))
          ? "An account with this email exists already: sign in with it above."
          : null;
    if (problem) {
      const back = new URLSearchParams({
        error: "signup",
        detail: problem,
        client_id: oauth.request.clientId,
        redirect_uri: oauth.request.redirectUri,
        response_type: "code",
        state: oauth.request.state,
      });
      return new Response(null, { status: 303, headers: { Location: `/auth/login?${back}` } });
    }
    const created = await addUser(db, { email, role: "admin", password, tenantId: null });
    const { tenantId, partnerTenantId } = await ensureUserTenant(db, created);
    const code = await issueCode(db, { ...oauth.request, userId: created.id, partnerTenantId, now: auth.now() });
    log.info(
      { userId: created.id, partnerTenantId },
      "account created on the OAuth login page; OAuth code issued for Cisco Spaces activation",
    );
    return startSessionResponse(req, {
      userId: created.id,
      tenantId,
      location: redirectWithCode(oauth.request.redirectUri, code, oauth.request.state),
    });
  }

  const user = await findUserByEmail(db, str(f.email));
  const ok = await verifyPassword(str(f.password), user?.passwordHash);
  if (!user || !ok) {
    await auth.limits.account.failed(account);
    log.warn({ oauth: Boolean(oauth) }, "sign-in failed");
    const back = new URLSearchParams({ error: "credentials" });
    if (oauth?.ok) {
      back.set("client_id", oauth.request.clientId);
      back.set("redirect_uri", oauth.request.redirectUri);
      back.set("response_type", "code");
      back.set("state", oauth.request.state);
      return new Response(null, { status: 303, headers: { Location: `/auth/login?${back}` } });
    }
    back.set("next", safeNextPath(str(f.next)));
    return new Response(null, { status: 303, headers: { Location: `/signin?${back}` } });
  }

  await auth.limits.account.succeeded(account);
  if (oauth?.ok) {
    if (user.role !== "admin") {
      return messagePage({
        status: 403,
        title: "Only an admin can connect Cisco Spaces",
        lead: `${user.email} is a viewer. Ask a Floorpulse admin to activate the app.`,
      });
    }
    const { tenantId, partnerTenantId } = await ensureUserTenant(db, user);
    const code = await issueCode(db, { ...oauth.request, userId: user.id, partnerTenantId, now: auth.now() });
    log.info({ userId: user.id, partnerTenantId }, "OAuth code issued for Cisco Spaces activation");
    return startSessionResponse(req, {
      userId: user.id,
      tenantId,
      location: redirectWithCode(oauth.request.redirectUri, code, oauth.request.state),
    });
  }
  log.info({ userId: user.id }, "signed in with password");
  return startSessionResponse(req, { userId: user.id, tenantId: user.tenantId, location: safeNextPath(str(f.next)) });
}
