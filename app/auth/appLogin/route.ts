import { AppError } from "@/lib/errors";
import { readFields } from "@/lib/http/body";
import { errorPage, messagePage } from "@/lib/http/html";
import { rateLimitOrThrow, takeOrThrow } from "@/lib/http/rate-limit";
import { launchBodySchema, verifyLaunchOrThrow } from "@/lib/auth/launch";
import { startSessionResponse } from "@/lib/auth/session-response";
import { userForLaunch } from "@/lib/auth/users";
import { authRegistryOrThrow } from "@/lib/auth/registry";

// Cisco Spaces' app tile POSTs {token, version, appId} here (the App Dashboard URL). A verified token
// signs its user in and lands on the dashboard; anything else gets a 401 page saying why, never the dashboard.
export async function POST(req: Request) {
  const { db, auth } = authRegistryOrThrow();
  const log = auth.log;
  try {
    await rateLimitOrThrow(auth.limits.auth, req, auth.settings.proxyHops);
    // Not a validation error: a launch without a usable token is refused like any other bad launch (401).
    const body = launchBodySchema.safeParse(await readFields(req));
    if (!body.success) throw new AppError("TOKEN_INVALID", "The launch carried no token.");
    const launch = await verifyLaunchOrThrow(body.data, {
      db,
      keys: auth.keys,
      now: auth.now,
      allowedBaseUrls: auth.settings.allowedBaseUrls,
      appId: auth.settings.appId,
    });
    // Per user as well as per address: one valid token replayed from many addresses still runs out.
    await takeOrThrow(auth.limits.launch, `${launch.tenant.id}:${launch.claims.userId.toLowerCase()}`);
    const user = await userForLaunch(db, {
      email: launch.claims.userId,
      tenantId: launch.tenant.id,
      admins: auth.settings.launchAdmins,
    });
    log.info({ userId: user.id, role: user.role, partnerTenantId: launch.tenant.partnerTenantId }, "app tile launch");
    return startSessionResponse(req, { userId: user.id, tenantId: launch.tenant.id, location: "/" });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    log.warn({ code: e.code, reason: e.message }, "app tile launch refused");
    return errorPage(e, {
      status: e.code === "RATE_LIMITED" || e.code === "PAYLOAD_TOO_LARGE" || e.code === "VALIDATION" ? e.status : 401,
      title: "Floorpulse could not sign you in",
      lead: "The launch from Cisco Spaces was refused, so the dashboard stays closed.",
      hint: "Open Floorpulse again from its app tile in Cisco Spaces. If this keeps happening, ask your Floorpulse admin.",
      links: [{ href: "/signin", text: "Sign in with a Floorpulse account" }],
    });
  }
}

export function GET() {
  return messagePage({
    status: 405,
    title: "Open Floorpulse from Cisco Spaces",
    lead: "This address is where the Cisco Spaces app tile signs you in. Click the Floorpulse tile in Cisco Spaces to open the dashboard.",
    links: [{ href: "/signin", text: "Sign in with a Floorpulse account" }],
  });
}
