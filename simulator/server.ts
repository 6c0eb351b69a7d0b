import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, errors, jwtVerify } from "jose";
import { createBuilding, floorChain, type Building } from "./building";
import { createKeyPairs, mintActivationToken, mintLaunchToken, type KeyPair } from "./keys";
import { floorSvg } from "./maps";
import { keepAlive, recordsForTick, statesAt, type World } from "./records";
import { createPeople } from "./world";

export interface SimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  people?: number;
  tickMs?: number;
  appId?: string;
  keepAliveMs?: number;
  /** How far back fromTimestamp may reach; Cisco documents "the preceding hour". */
  replayWindowMs?: number;
  now?: () => number;
}

export interface Simulator {
  url: string;
  world: World;
  appId: string;
  mintActivationToken(opts?: { ttlSeconds?: number; keyVersion?: string; baseUrl?: string }): Promise<string>;
  mintLaunchToken(opts: { userId: string; ttlSeconds?: number; keyVersion?: string }): Promise<string>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

export async function createSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? 1;
  const tickMs = opts.tickMs ?? 1000;
  const now = opts.now ?? Date.now;
  const keepAliveMs = opts.keepAliveMs ?? 15_000;
  const replayWindowMs = opts.replayWindowMs ?? 3_600_000;
  const appId = opts.appId ?? `app-${createHash("sha256").update(`app|${seed}`).digest("hex").slice(0, 32).toUpperCase()}`;
  const building: Building = createBuilding(seed);
  const world: World = { seed, tickMs, building, people: createPeople(seed, opts.people ?? 40) };
  const keys: KeyPair[] = createKeyPairs();
  // API keys are an HMAC of the activation, so keys handed out survive a simulator restart with the same seed.
  const keySecret = createHash("sha256").update(`simulator-api-key|${seed}`).digest();
  const usedActivations = new Map<string, string>(); // activationRefId -> apiKey
  const revokedKeys = new Set<string>();
  const streams = new Set<ServerResponse>();
  let baseUrl = "";

  const apiKeyFor = (activationRefId: string, partnerTenantId: string) => {
    const body = Buffer.from(JSON.stringify({ a: activationRefId, p: partnerTenantId })).toString("base64url");
    return `${body}.${createHmac("sha256", keySecret).update(body).digest("base64url")}`;
  };
  const tenantOfKey = (key: string | undefined): string | null => {
    if (!key || revokedKeys.has(key)) return null;
    const [body, mac] = key.split(".");
    if (!body || !mac) return null;
    const expected = createHmac("sha256", keySecret).update(body).digest();
    const given = Buffer.from(mac, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return String((JSON.parse(Buffer.from(body, "base64url").toString()) as Json).p);
    } catch {
      return null;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: "Internal Server Error", message: String(err) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    const method = req.method ?? "GET";
    let m: RegExpMatchArray | null;

    if (method === "GET" && path === "/health") return send(res, 200, { status: "up" });

    if (method === "GET" && path === "/client/v1/partner/partnerPublicKey") {
      return send(res, 200, {
        status: true,
        message: "Successfully fetched partner keys.",
        data: keys.map((k) => ({ version: k.version, publicKey: k.publicKeyB64 })),
      });
    }
    if (method === "GET" && (m = path.match(/^\/client\/v1\/partner\/partnerPublicKey\/([^/]+)$/))) {
      const key = keys.find((k) => k.version === m![1]);
      if (!key) return send(res, 404, { status: false, message: `Partner key not found for version ${m[1]}`, data: null });
      return send(res, 200, {
        status: true,
        message: "Successfully fetched partner key.",
        data: { version: key.version, publicKey: key.publicKeyB64 },
      });
    }
    if (method === "POST" && (m = path.match(/^\/client\/v1\/partner\/(activateSingleTenantCloudApp|activateOnPremiseApp)$/))) {
      return activate(req, res);
    }
    if (method === "POST" && path === "/admin/tokens/activation") {
      const body = await readJson(req);
      const token = await simulator.mintActivationToken({
        ttlSeconds: typeof body.ttlSeconds === "number" ? body.ttlSeconds : undefined,
        keyVersion: typeof body.keyVersion === "string" ? body.keyVersion : undefined,
        baseUrl: typeof body.baseUrl === "string" ? body.baseUrl : undefined,
      });
      return send(res, 200, { token });
    }
    if (method === "POST" && path === "/admin/tokens/launch") {
      const body = await readJson(req);
      const token = await simulator.mintLaunchToken({
        userId: typeof body.userId === "string" ? body.userId : "facility.manager@example.com",
        ttlSeconds: typeof body.ttlSeconds === "number" ? body.ttlSeconds : undefined,
        keyVersion: typeof body.keyVersion === "string" ? body.keyVersion : undefined,
      });
      return send(res, 200, { token });
    }

    // Everything below is the partner API, authorised by X-API-KEY.
    if (path.startsWith("/api/partners/v1/")) {
      const tenant = tenantOfKey(header(req, "x-api-key"));
      if (!tenant) return send(res, 401, { error: "Unauthorized", message: "Invalid or revoked API key" });
      if (method === "GET" && path === "/api/partners/v1/firehose/events") return stream(req, res, url);
      const partnerTenantId = url.searchParams.get("partnerTenantId");
      if (partnerTenantId !== null && partnerTenantId !== tenant) return send(res, 403, { error: "Forbidden" });
      if (method === "GET" && (m = path.match(/^\/api\/partners\/v1\/locations\/([^/]+)$/))) {
        const floor = building.floors.find((f) => f.locationId === m![1]);
        if (!floor) return send(res, 404, { error: "Not Found" });
        return send(res, 200, {
          location: floorChain(building, floor),
          locationDetails: {
            timeZone: building.timeZone,
            city: "London",
            state: "",
            country: "GB",
            category: "",
            metadata: [],
            latitude: -999.0,
            longitude: -999.0,
            mapDetails: mapInfo(floor),
          },
        });
      }
      if (method === "GET" && (m = path.match(/^\/api\/partners\/v1\/maps\/([^/]+)$/))) {
        const floor = building.floors.find((f) => f.mapId === m![1]);
        if (!floor) return send(res, 404, { error: "Not Found" });
        return send(res, 200, mapInfo(floor));
      }
      if (method === "GET" && (m = path.match(/^\/api\/partners\/v1\/maps\/([^/]+)\/image$/))) {
        const floor = building.floors.find((f) => f.mapId === m![1]);
        if (!floor) return send(res, 404, { error: "Not Found" });
        const body = Buffer.from(floorSvg(floor));
        const md5 = createHash("md5").update(body).digest();
        const etag = `"${md5.toString("hex")}"`;
        const headers = {
          "Content-Type": "image/svg+xml",
          "Content-MD5": md5.toString("base64"),
          ETag: etag,
          "Last-Modified": new Date(Date.UTC(2026, 0, 1)).toUTCString(),
        };
        if (header(req, "if-none-match") === etag) {
          res.writeHead(304, headers);
          return res.end();
        }
        res.writeHead(200, { ...headers, "Content-Length": body.length });
        return res.end(body);
      }
    }
    send(res, 404, { error: "Not Found" });
  }

  function mapInfo(floor: Building["floors"][number]) {
    return {
      mapId: floor.mapId,
      imageWidth: floor.imageWidth,
      imageHeight: floor.imageHeight,
      mimeType: "image/svg+xml",
      dimension: { length: floor.lengthFt, width: floor.widthFt, height: 10, offsetX: 0, offsetY: 0 },
    };
  }

  async function activate(req: IncomingMessage, res: ServerResponse) {
    const auth = header(req, "authorization") ?? "";
    const token = auth.replace(/^Bearer\s+/i, "");
    const body = await readJson(req);
    const invalid = () => send(res, 400, { status: false, message: "Activation Token Invalid" });
    const claims = await verifyOwnToken(token);
    if (claims === "invalid") return invalid();
    if (claims === "expired") return send(res, 400, { status: false, message: "Activation Token Expired." });
    const claimAppId = String(claims.appId ?? "");
    if (claims.baseUrl !== baseUrl) {
      return send(res, 404, {
        status: false,
        message: `Failed to activated the on premise application due to not able to find appId : ${claimAppId}`,
        data: null,
      });
    }
    if (body.appId !== claimAppId || body.activationRefId !== claims.activationRefId || claimAppId !== appId) return invalid();
    const ref = String(claims.activationRefId);
    const previous = usedActivations.get(ref);
    if (previous) {
      revokedKeys.add(previous);
      return send(res, 409, {
        status: false,
        message: `The on premise application (${claimAppId}) is deactivated due to reactivation is processed.`,
        data: null,
      });
    }
    const apiKey = apiKeyFor(ref, String(claims.partnerTenantId));
    usedActivations.set(ref, apiKey);
    send(res, 200, { status: true, message: "Successfully activated the on-premise application.", data: { apiKey } });
  }

  async function verifyOwnToken(token: string): Promise<Json | "invalid" | "expired"> {
    let claims: Json;
    try {
      claims = decodeJwt(token) as Json;
    } catch {
      return "invalid";
    }
    const key = keys.find((k) => k.version === claims.version);
    if (!key) return "invalid";
    try {
      await jwtVerify(token, key.publicKey, { algorithms: ["RS256"], currentDate: new Date(now()) });
      return claims;
    } catch (e) {
      return e instanceof errors.JWTExpired ? "expired" : "invalid";
    }
  }

  function stream(req: IncomingMessage, res: ServerResponse, url: URL) {
    const from = Number(url.searchParams.get("fromTimestamp") ?? 0);
    const earliest = Math.ceil((now() - replayWindowMs) / tickMs);
    let tick = from > 0 ? Math.max(Math.ceil(from / tickMs), earliest) : Math.floor(now() / tickMs) + 1;
    let before = statesAt(world, tick - 1);
    let lastWrite = now();
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    res.writeHead(200, { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store", Connection: "keep-alive" });
    streams.add(res);
    const stop = () => {
      closed = true;
      clearTimeout(timer);
      streams.delete(res);
    };
    req.on("close", stop);
    res.on("close", stop);

    const pump = () => {
      if (closed) return;
      const current = Math.floor(now() / tickMs);
      let chunk = "";
      while (tick <= current && chunk.length < 1 << 20) {
        const states = statesAt(world, tick);
        for (const r of recordsForTick(world, tick, states, before)) chunk += JSON.stringify(r) + "\n";
        before = states;
        tick++;
      }
      if (!chunk && now() - lastWrite >= keepAliveMs) chunk = JSON.stringify(keepAlive(world, now())) + "\n";
      if (chunk) {
        lastWrite = now();
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      // Catching up: keep going at once; live: wake at the next tick (or keep-alive).
      const wait = tick <= Math.floor(now() / tickMs) ? 0 : Math.min(tick * tickMs - now(), keepAliveMs);
      timer = setTimeout(pump, Math.max(0, wait));
    };
    pump();
  }

  const simulator: Simulator = {
    get url() {
      return baseUrl;
    },
    world,
    appId,
    async mintActivationToken(o = {}) {
      const key = keys.find((k) => k.version === (o.keyVersion ?? "v1")) ?? keys[0]!;
      return mintActivationToken(key, {
        appId,
        partnerTenantId: building.tenant.partnerTenantId,
        tenantId: building.tenant.tenantId,
        customer: building.tenant.spacesTenantName,
        baseUrl: o.baseUrl ?? baseUrl,
        ttlSeconds: o.ttlSeconds,
        nowMs: now(),
        activationRefId: randomBytes(16).toString("hex").toUpperCase(),
      });
    },
    async mintLaunchToken(o) {
      const key = keys.find((k) => k.version === (o.keyVersion ?? "v1")) ?? keys[0]!;
      return mintLaunchToken(key, {
        appId,
        partnerTenantId: building.tenant.partnerTenantId,
        tenantId: building.tenant.tenantId,
        userId: o.userId,
        ttlSeconds: o.ttlSeconds,
        nowMs: now(),
      });
    },
    async close() {
      for (const s of streams) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  baseUrl = `http://${opts.host ?? "127.0.0.1"}:${addr.port}`;
  return simulator;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Json> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new Error("body too large");
    chunks.push(c as Buffer);
  }
  if (!chunks.length) return {};
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString());
    return v && typeof v === "object" ? (v as Json) : {};
  } catch {
    return {};
  }
}
