import type { SimContext } from "./context";
import { describeFault, faultSpecError, type FaultSpec } from "./faults";
import { escapeHtml, readBytes, readObject, route, sendHtml, sendJson, type Json, type Route } from "./http";
import { isHttpUrl, launchPage } from "./launch";
import { record } from "./records";
import { describeTenant, occupancyAt } from "./world-info";
import { hexId } from "./hash";
import { mapDetails } from "./maps";

// /admin/*: what a demo or a test needs beyond the Cisco API: tokens, the launch helper, the OAuth
// driver, activations, renames and moves, recorded monitoring reports, faults, and views of the world.
// No auth: the simulator listens on 127.0.0.1 unless told otherwise.

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
const qnum = (url: URL, k: string) => (url.searchParams.has(k) ? Number(url.searchParams.get(k)) : undefined);

export const ADMIN_ROUTES = [
  "POST   /admin/tokens/activation   {ttlSeconds?, keyVersion?, baseUrl?, tenant?, skewSeconds?, appId?, activationRefId?} -> {token}",
  "POST   /admin/tokens/launch       {userId?, ttlSeconds?, keyVersion?, tenant?, skewSeconds?, appId?} -> {token}",
  "GET    /admin/launch?dashboardUrl=URL[&userId&tenant&keyVersion&ttlSeconds]   auto-submitting app-tile POST",
  "POST   /admin/oauth/start         {loginUrl, tokenUrl, appInfoUrl | partnerAppUrl, clientId?, clientSecret?, tenant?} -> run",
  "GET    /admin/oauth/start?...     the same, answered with a redirect to the OAuth Login URL",
  "GET    /admin/oauth/runs[/:id]    each OAuth step and its result",
  "GET    /admin/activations         DELETE /admin/activations/:referenceId (APP_DE_ACTIVATION)",
  "GET    /admin/keys                the partner (multi-tenant) API key",
  "GET    /admin/world[?tenant]      campus, zone rectangles and polygons in feet, cameras, Webex devices",
  "GET    /admin/occupancy?tenant&at who is where at a simulated time, with the counts the records carry",
  "POST   /admin/locations/:locationId {name?, parentId?} rename or move (LOCATION_CHANGE)",
  "PUT    /admin/maps/:mapId/image   body: a new floor plan (its Content-Type kept) -> served with a new ETag; DELETE restores the drawn one",
  "GET    /admin/monitoring          monitoring/status PUTs received (DELETE clears)",
  "GET    /admin/faults              POST {type, key?, ...} adds, DELETE [/:id] removes",
  "GET    /admin/connections         open Firehose streams",
  "GET    /admin/clock               simulated and wall time",
  'GET    /admin/requests            requests received by "METHOD /path" (DELETE clears)',
  "GET    /admin/requests/log        the latest requests: method, path and the partnerTenantId they named",
  "GET    /admin/pii[?tenant]        the personal data the records can carry (with --pii): MACs, e-mails, names, phones, handles",
];

export function adminRoutes(ctx: SimContext): Route[] {
  const tenantOf = (v: unknown) => {
    const t = typeof v === "string" ? Number(v) : v;
    return Number.isInteger(t) && (t as number) >= 0 && (t as number) < ctx.world.tenants.length ? (t as number) : 0;
  };
  const oauthConfig = (b: Json) => {
    const base = str(b.partnerAppUrl)?.replace(/\/+$/, "");
    const cfg = {
      loginUrl: str(b.loginUrl) ?? (base ? `${base}/auth/login` : ""),
      tokenUrl: str(b.tokenUrl) ?? (base ? `${base}/auth/token` : ""),
      appInfoUrl: str(b.appInfoUrl) ?? (base ? `${base}/appInfo` : ""),
      clientId: str(b.clientId) ?? "dnaspaces",
      clientSecret: str(b.clientSecret) ?? "",
      tenant: tenantOf(b.tenant),
    };
    return [cfg.loginUrl, cfg.tokenUrl, cfg.appInfoUrl].every(isHttpUrl) ? cfg : null;
  };
  const OAUTH_HELP =
    "give loginUrl, tokenUrl and appInfoUrl (http/https), or partnerAppUrl for /auth/login, /auth/token and /appInfo";

  return [
    route("GET", "/admin", (_req, res) => sendJson(res, 200, { routes: ADMIN_ROUTES })),
    route("POST", "/admin/tokens/activation", async (req, res) => {
      const b = await readObject(req);
      const token = await ctx.mintActivationToken({
        ttlSeconds: num(b.ttlSeconds),
        keyVersion: str(b.keyVersion),
        baseUrl: str(b.baseUrl),
        tenant: tenantOf(b.tenant),
        skewSeconds: num(b.skewSeconds),
        appId: str(b.appId),
        activationRefId: str(b.activationRefId),
      });
      sendJson(res, 200, { token });
    }),
    route("POST", "/admin/tokens/launch", async (req, res) => {
      const b = await readObject(req);
      const token = await ctx.mintLaunchToken({
        userId: str(b.userId) ?? "facility.manager@example.com",
        ttlSeconds: num(b.ttlSeconds),
        keyVersion: str(b.keyVersion),
        tenant: tenantOf(b.tenant),
        skewSeconds: num(b.skewSeconds),
        appId: str(b.appId),
      });
      sendJson(res, 200, { token });
    }),
    route("GET", "/admin/launch", async (_req, res, url) => {
      const dashboardUrl = url.searchParams.get("dashboardUrl") ?? "";
      if (!isHttpUrl(dashboardUrl))
        return sendHtml(res, 400, `<p>dashboardUrl must be an http(s) URL, got ${escapeHtml(dashboardUrl)}</p>`);
      const keyVersion = url.searchParams.get("keyVersion") ?? "v1";
      const token = await ctx.mintLaunchToken({
        userId: url.searchParams.get("userId") ?? "facility.manager@example.com",
        keyVersion,
        tenant: tenantOf(url.searchParams.get("tenant") ?? 0),
        ttlSeconds: qnum(url, "ttlSeconds"),
      });
      sendHtml(res, 200, launchPage(dashboardUrl, { token, version: keyVersion, appId: ctx.appId }), {
        "Cache-Control": "no-store",
      });
    }),

    route("POST", "/admin/oauth/start", async (req, res) => {
      const cfg = oauthConfig(await readObject(req));
      if (!cfg) return sendJson(res, 400, { error: OAUTH_HELP });
      sendJson(res, 201, ctx.oauth.start(cfg));
    }),
    route("GET", "/admin/oauth/start", (_req, res, url) => {
      const cfg = oauthConfig(Object.fromEntries(url.searchParams));
      if (!cfg) return sendJson(res, 400, { error: OAUTH_HELP });
      res.writeHead(302, { Location: ctx.oauth.start(cfg).authorizeUrl }).end();
    }),
    route("GET", "/admin/oauth/runs", (_req, res) => sendJson(res, 200, { runs: ctx.oauth.runs() })),
    route("GET", "/admin/oauth/runs/:id", (_req, res, _url, [id]) => {
      const run = ctx.oauth.runs().find((r) => r.id === id);
      return run ? sendJson(res, 200, run) : sendJson(res, 404, { error: `no OAuth run ${id}` });
    }),
    route("GET", "/partner/OAuthValidation", async (req, res, url) => {
      const result = await ctx.oauth.callback(url.searchParams);
      const wantsJson = (req.headers.accept ?? "").includes("application/json");
      const status = "error" in result ? 400 : result.status === "succeeded" ? 200 : 502;
      if (wantsJson) return sendJson(res, status, result);
      const text =
        "error" in result
          ? result.error
          : result.status === "succeeded"
            ? `App activated for ${result.partnerTenantId}.`
            : `Activation failed: ${result.steps.at(-1)?.detail}`;
      sendHtml(res, status, `<!doctype html><title>Cisco Spaces (simulated)</title><h1>${escapeHtml(text)}</h1>`);
    }),

    route("GET", "/admin/activations", (_req, res) =>
      sendJson(res, 200, {
        activations: ctx.activations
          .list()
          .map((a) => ({ ...a, activatedAt: Number.isFinite(a.activatedAt) ? a.activatedAt : null })),
      }),
    ),
    route("DELETE", "/admin/activations/:ref", (_req, res, _url, [ref]) => {
      const a = ctx.activations.remove(ref!);
      return a ? sendJson(res, 200, a) : sendJson(res, 404, { error: `no live activation ${ref}` });
    }),
    route("GET", "/admin/keys", (_req, res) => sendJson(res, 200, { partnerKey: ctx.activations.partnerKey })),

    route("GET", "/admin/world", (_req, res, url) => {
      const now = ctx.clock.now();
      const tenants = ctx.world.tenants.map((tw) => describeTenant(tw, now));
      const t = url.searchParams.get("tenant");
      sendJson(
        res,
        200,
        t === null
          ? { seed: ctx.world.seed, tickMs: ctx.world.tickMs, updateMs: ctx.world.updateMs, appId: ctx.appId, tenants }
          : tenants[tenantOf(t)],
      );
    }),
    route("GET", "/admin/requests", (_req, res) => sendJson(res, 200, { requests: Object.fromEntries(ctx.requests) })),
    route("GET", "/admin/requests/log", (_req, res) => sendJson(res, 200, { requests: ctx.requestLog })),
    route("DELETE", "/admin/requests", (_req, res) => {
      ctx.requests.clear();
      ctx.requestLog.splice(0);
      sendJson(res, 200, { requests: {} });
    }),
    // What a privacy check searches a client's storage and logs for. MACs are in every record; the rest only with --pii.
    route("GET", "/admin/pii", (_req, res, url) => {
      const tw = ctx.world.tenants[tenantOf(url.searchParams.get("tenant") ?? 0)]!;
      sendJson(res, 200, {
        piiInRecords: ctx.world.pii,
        macAddresses: tw.devices.map((d) => d.macAddress),
        emails: tw.people.map((p) => p.email),
        names: tw.people.map((p) => `${p.firstName} ${p.lastName}`),
        mobiles: tw.people.map((p) => p.mobile),
        socialHandles: tw.people.map((p) => `${p.firstName}-${p.lastName}-${p.index}`.toLowerCase()),
      });
    }),
    route("GET", "/admin/occupancy", (_req, res, url) => {
      const at = qnum(url, "at") ?? ctx.clock.now();
      sendJson(
        res,
        200,
        occupancyAt(ctx.world, tenantOf(url.searchParams.get("tenant") ?? 0), Math.floor(at / ctx.world.tickMs)),
      );
    }),
    route("POST", "/admin/locations/:locationId", async (req, res, _url, [id]) => {
      const b = await readObject(req);
      const tw = ctx.world.tenants.find((x) => x.tenant.nodes.some((n) => n.locationId === id));
      if (!tw) return sendJson(res, 404, { error: `no location ${id}` });
      const name = str(b.name);
      const parentId = str(b.parentId);
      const zone = tw.tenant.zones.find((z) => z.locationId === id);
      const floor = parentId ? tw.tenant.floors.find((f) => f.locationId === parentId) : undefined;
      if (parentId && (!zone || !floor))
        return sendJson(res, 400, { error: "only zones move, and only onto a floor of the same tenant" });
      if (!name && !parentId) return sendJson(res, 400, { error: "give a new name, a parentId, or both" });
      const ts = ctx.clock.now();
      const v = tw.structure.change(ts, (o) => {
        if (name) o.names.set(id!, name);
        if (zone && floor) o.zoneParents.set(zone.index, floor.index);
      });
      const floorOfNode = tw.tenant.floors.find((f) => f.locationId === id);
      const payload = {
        changeType: parentId ? "MOVE" : "UPDATE",
        location: v.chain(id!),
        locationDetails: {
          timeZone: tw.tenant.timeZone,
          city: tw.tenant.city,
          state: "",
          country: tw.tenant.country,
          category: "",
          metadata: [],
          latitude: -999.0,
          longitude: -999.0,
          ...(floorOfNode ? { mapDetails: mapDetails(floorOfNode, ctx.mapDimension) } : {}),
        },
      };
      const line = record(
        v,
        `event-${hexId(16, ctx.world.seed, "LOCATION_CHANGE", id!, ts)}`,
        ts,
        "LOCATION_CHANGE",
        payload,
      );
      ctx.log.append({ ts, tenant: tw.tenant.index, ref: null, line });
      sendJson(res, 200, { timestamp: ts, record: JSON.parse(line) as unknown });
    }),

    // An admin re-uploads a floor plan in Cisco Spaces: same mapId and size, new bytes and ETag.
    route("PUT", "/admin/maps/:mapId/image", async (req, res, _url, [mapId]) => {
      if (!ctx.world.tenants.some((tw) => tw.tenant.floors.some((f) => f.mapId === mapId)))
        return sendJson(res, 404, { error: `no map ${mapId}` });
      const bytes = await readBytes(req, 8 * 1024 * 1024);
      if (!bytes.length) return sendJson(res, 400, { error: "send the image as the body" });
      const contentType = req.headers["content-type"] || "application/octet-stream";
      ctx.mapUploads.set(mapId!, { bytes, contentType });
      sendJson(res, 200, { mapId, bytes: bytes.length, contentType });
    }),
    route("DELETE", "/admin/maps/:mapId/image", (_req, res, _url, [mapId]) =>
      sendJson(res, ctx.mapUploads.delete(mapId!) ? 200 : 404, { mapId }),
    ),
    route("GET", "/admin/monitoring", (_req, res) => sendJson(res, 200, { reports: ctx.monitoring })),
    route(
      "DELETE",
      "/admin/monitoring",
      (_req, res) => (ctx.monitoring.splice(0), sendJson(res, 200, { reports: [] })),
    ),

    route("GET", "/admin/faults", (_req, res) => sendJson(res, 200, { faults: ctx.faults.list() })),
    route("POST", "/admin/faults", async (req, res) => {
      const b = await readObject(req);
      const err = faultSpecError(b);
      if (err) return sendJson(res, 400, { error: err });
      sendJson(res, 201, describeFault(ctx.faults.add(b as unknown as FaultSpec), true));
    }),
    route("DELETE", "/admin/faults", (_req, res) => (ctx.faults.clear(), sendJson(res, 200, { faults: [] }))),
    route("DELETE", "/admin/faults/:id", (_req, res, _url, [id]) =>
      ctx.faults.remove(id!) ? sendJson(res, 200, { removed: id }) : sendJson(res, 404, { error: `no fault ${id}` }),
    ),

    route("GET", "/admin/connections", (_req, res) =>
      sendJson(res, 200, {
        connections: [...ctx.connections].map((c) => ({
          id: c.id,
          ref: c.claims.ref,
          kind: c.claims.kind,
          remoteAddress: c.remoteAddress,
          connectedAt: c.connectedAt,
          fromTimestamp: c.fromTimestamp,
          position: c.position(),
          linesSent: c.writer.linesSent,
          bytesSent: c.writer.bytesSent,
        })),
      }),
    ),
    route("GET", "/admin/clock", (_req, res) =>
      sendJson(res, 200, {
        simNow: ctx.clock.now(),
        wallNow: ctx.wallNow(),
        speed: ctx.clock.speed,
        tickMs: ctx.world.tickMs,
      }),
    ),
  ];
}
