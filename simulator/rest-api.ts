import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { KeyClaims } from "./api-keys";
import type { Floor } from "./campus";
import type { SimContext } from "./context";
import { isValidMacPattern } from "./filters";
import { header, readJson, readText, route, sendJson, type Json, type Route } from "./http";
import { floorSvg, mapDetails } from "./maps";
import { MONITORING_MESSAGES, monitoringBodyError } from "./monitoring";
import { openStream } from "./stream";

// /api/partners/v1/*: the Firehose and its supporting REST APIs, authorised by X-API-KEY and scoped by
// partnerTenantId, with the codes the partner guide documents.

const NOT_AUTHORIZED = { status: false, message: "API Key/Partner Tenant Id is not authorized" };
const LAST_MODIFIED = new Date(Date.UTC(2026, 0, 1)).toUTCString();

interface Caller {
  key: string;
  claims: KeyClaims;
  /** Tenants the key carries now. */
  tenants: number[];
}

/** The caller, or null after answering 401 (or 403 where the endpoint documents it). */
export function authorize(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  refusal: { status: number; body: unknown } = { status: 401, body: NOT_AUTHORIZED },
): Caller | null {
  const key = header(req, "x-api-key") ?? "";
  const claims = ctx.apiKeys.verify(key);
  const revoked = claims ? ctx.activations.revokedAt(claims) : null;
  const refused = ctx.faults.active("unauthorized", key);
  if (!claims || (revoked !== null && revoked <= ctx.clock.now()) || refused.length) {
    for (const f of refused) ctx.faults.strike(f);
    sendJson(res, refusal.status, refusal.body);
    return null;
  }
  return { key, claims, tenants: ctx.activations.tenantsAt(claims, ctx.clock.now()) };
}

export function restRoutes(ctx: SimContext): Route[] {
  /** Tenants a request may see: those of the key, narrowed to partnerTenantId when given. */
  const scope = (c: Caller, url: URL): number[] | null => {
    const p = url.searchParams.get("partnerTenantId");
    if (p === null || p === "") return c.tenants;
    const now = ctx.clock.now();
    const match = c.tenants.filter((t) => ctx.world.tenants[t]!.structure.at(now).partnerTenantId === p);
    return match.length ? match : null;
  };
  const floorByMap = (tenants: number[], mapId: string): { floor: Floor; tenant: number } | null => {
    for (const t of tenants) {
      const floor = ctx.world.tenants[t]!.tenant.floors.find((f) => f.mapId === mapId);
      if (floor) return { floor, tenant: t };
    }
    return null;
  };
  // Map Image Info answers exactly the documented sample's fields (Cisco Spaces Partner Ecosystem
  // Guide, Map Image Info): the floor's size in feet is not there. It travels in the location's
  // mapDetails (LOCATION_CHANGE and Location Info), as the protocol's MapDetails does.
  const mapInfo = (f: Floor) => ({ mapId: f.mapId, imageWidth: f.imageWidth, imageHeight: f.imageHeight });

  return [
    route("GET", "/api/partners/v1/firehose/events", (req, res, url) => {
      const c = authorize(ctx, req, res);
      if (c) openStream(ctx, req, res, c.key, c.claims, url);
    }),

    route("GET", "/api/partners/v1/locations/:locationId", (req, res, url, [id]) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const owner = ctx.world.tenants.find((tw) => tw.tenant.nodes.some((n) => n.locationId === id));
      if (!owner) return sendJson(res, 404, { status: false, message: `Location ${id} not found` });
      const allowed = scope(c, url);
      if (!allowed?.includes(owner.tenant.index))
        return sendJson(res, 403, {
          status: false,
          message: "partnerTenantId is not authorized to access this location",
        });
      const v = owner.structure.at(ctx.clock.now());
      const floor = owner.tenant.floors.find((f) => f.locationId === id);
      sendJson(res, 200, {
        location: v.chain(id!),
        locationDetails: {
          timeZone: owner.tenant.timeZone,
          city: owner.tenant.city,
          state: "",
          country: owner.tenant.country,
          category: "",
          metadata: [],
          latitude: -999.0,
          longitude: -999.0,
          ...(floor ? { mapDetails: mapDetails(floor, ctx.mapDimension) } : {}),
        },
      });
    }),

    route("GET", "/api/partners/v1/maps/:mapId", (req, res, url, [mapId]) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const hit = floorByMap(scope(c, url) ?? [], mapId!);
      if (!hit) return sendJson(res, 404, { status: false, message: `Map ${mapId} not found` });
      sendJson(res, 200, mapInfo(hit.floor));
    }),

    route("GET", "/api/partners/v1/maps/:mapId/image", (req, res, url, [mapId]) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const hit = floorByMap(scope(c, url) ?? [], mapId!);
      if (!hit) return sendJson(res, 404, { status: false, message: `Map ${mapId} not found` });
      const tw = ctx.world.tenants[hit.tenant]!;
      const upload = ctx.mapUploads.get(mapId!);
      const body = upload?.bytes ?? Buffer.from(floorSvg(tw.tenant, tw.structure.at(ctx.clock.now()), hit.floor));
      const md5 = createHash("md5").update(body).digest();
      const etag = `"${md5.toString("hex")}"`;
      const headers = {
        "Content-Type": upload?.contentType ?? "image/svg+xml",
        "Content-MD5": md5.toString("base64"),
        ETag: etag,
        "Last-Modified": LAST_MODIFIED,
        "Cache-Control": "private, max-age=0",
      };
      if (header(req, "if-none-match") === etag) return void res.writeHead(304, headers).end();
      res.writeHead(200, { ...headers, "Content-Length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    }),

    route("GET", "/api/partners/v1/firehose/health", (req, res, url) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const tenants = scope(c, url);
      if (!tenants) return sendJson(res, 401, NOT_AUTHORIZED);
      const now = ctx.clock.now();
      sendJson(res, 200, {
        timestamp: ctx.wallNow(),
        activeConnections: [...ctx.connections]
          .filter((k) => k.key === c.key)
          .map((k) => ({
            connectionId: k.id,
            remoteAddress: k.remoteAddress,
            connectedAt: k.connectedAt,
            fromTimestamp: k.fromTimestamp ?? 0,
            position: k.position(),
          })),
        protocolVersion: "HTTP/1.1",
        appActivations: ctx.activations
          .list()
          .filter(
            (a) =>
              a.deletedAt === null &&
              tenants.includes(a.tenant) &&
              (c.claims.kind === "partner" ? a.kind === "oauth" : a.ref === c.claims.ref),
          )
          .map((a) => {
            const tw = ctx.world.tenants[a.tenant]!;
            return {
              spacesTenantName: tw.tenant.name,
              spacesTenantId: tw.tenant.spacesTenantId,
              partnerTenantId: tw.structure.at(now).partnerTenantId,
              name: a.name,
              referenceId: a.ref,
              instanceName: a.instanceName,
              macFilters: tw.filters.current().patterns,
            };
          }),
      });
    }),

    route("PUT", "/api/partners/v1/monitoring/status", async (req, res, url) => {
      const text = await readText(req);
      const report = {
        at: ctx.wallNow(),
        partnerTenantId: url.searchParams.get("partnerTenantId"),
        ref: null as string | null,
        status: 200,
        body: null as unknown,
        error: null as string | null,
      };
      try {
        report.body = JSON.parse(text) as unknown;
      } catch {
        report.body = text;
      }
      ctx.monitoring.push(report);
      if (ctx.monitoring.length > 1000) ctx.monitoring.shift();
      const c = authorize(ctx, req, res, { status: 403, body: { status: false, message: MONITORING_MESSAGES.auth } });
      if (!c) return void ((report.status = 403), (report.error = MONITORING_MESSAGES.auth));
      report.ref = c.claims.ref;
      const err = monitoringBodyError(report.body);
      if (err) {
        report.status = 400;
        report.error = err;
        return sendJson(res, 400, { status: false, message: MONITORING_MESSAGES.bad });
      }
      sendJson(res, 200, { status: true, message: MONITORING_MESSAGES.ok });
    }),

    route("GET", "/api/partners/v1/devices/lookup", (req, res, url) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const remoteIP = url.searchParams.get("remoteIP") ?? "";
      const clientIP = url.searchParams.get("clientIP") ?? "";
      if (isIP(remoteIP) !== 4 || !isIP(clientIP))
        return sendJson(res, 400, {
          status: false,
          message: "remoteIP and clientIP are required and must be valid IP addresses",
        });
      const tenants = scope(c, url);
      if (!tenants)
        return sendJson(res, 403, {
          status: false,
          message: "partnerTenantId is not authorized to access the device at the location",
        });
      const now = ctx.clock.now();
      for (const t of tenants) {
        const tw = ctx.world.tenants[t]!;
        if (tw.tenant.publicIp !== remoteIP) continue;
        const d = tw.devices.find((x) => x.ipv4 === clientIP);
        if (d && !tw.filters.at(now).filtered[d.index]) return sendJson(res, 200, { deviceId: d.deviceId });
      }
      sendJson(res, 404, { status: false, message: "Device not found" });
    }),

    route("GET", "/api/partners/v1/firehose/filters", (req, res, url) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const tenants = scope(c, url);
      if (!tenants || tenants.length !== 1) return sendJson(res, 401, NOT_AUTHORIZED);
      sendJson(res, 200, { macFilter: ctx.world.tenants[tenants[0]!]!.filters.current().patterns });
    }),

    route("PUT", "/api/partners/v1/firehose/filters", async (req, res, url) => {
      const c = authorize(ctx, req, res);
      if (!c) return;
      const tenants = scope(c, url);
      if (!tenants || tenants.length !== 1) return sendJson(res, 401, NOT_AUTHORIZED);
      const body = await readJson(req);
      const list = body && typeof body === "object" ? (body as Json).macFilter : undefined;
      // The guide documents an invalid body as "404 BAD REQUEST".
      if (!Array.isArray(list) || list.length > 1000 || !list.every(isValidMacPattern))
        return sendJson(res, 404, { status: false, message: "Invalid body json" });
      const v = ctx.world.tenants[tenants[0]!]!.filters.set(ctx.clock.now(), list);
      sendJson(res, 200, { macFilter: v.patterns });
    }),
  ];
}
