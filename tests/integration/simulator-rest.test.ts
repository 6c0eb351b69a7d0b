import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import payloads from "../fixtures/simulator/payloads.json";
import rest from "../fixtures/simulator/rest.json";
import { chainOf, clockAt, json, readStream } from "../helpers/stream-reader";
import { createSimulator, type Simulator } from "@/simulator/server";
import type { WorldInfo } from "../helpers/simulator-world";

// The Firehose supporting APIs with the codes the guide documents.

let sim: Simulator;
let world: WorldInfo;
let branch: WorldInfo;
const now = clockAt(10);
const api = (path: string, init: RequestInit & { key?: string | null } = {}) =>
  fetch(`${sim.url}${path}`, {
    ...init,
    headers: {
      ...(init.key === null ? {} : { "X-API-KEY": init.key ?? sim.partnerKey }),
      ...(init.headers as Record<string, string>),
    },
  });

beforeAll(async () => {
  sim = await createSimulator({ seed: 9, now });
  world = await json<WorldInfo>(await fetch(`${sim.url}/admin/world?tenant=0`));
  branch = await json<WorldInfo>(await fetch(`${sim.url}/admin/world?tenant=1`));
});
afterAll(async () => {
  await sim?.close();
});

describe("Location Info", () => {
  it("returns the location with its parent chain and details; a floor has its map", async () => {
    const floor = world.floors[0]!;
    const res = await api(
      `${rest.locationInfo.path.replace("{locationId}", floor.locationId)}?partnerTenantId=${world.partnerTenantId}`,
    );
    expect(res.status).toBe(200);
    const body = await json<{ location: unknown; locationDetails: Record<string, unknown> }>(res);
    expect(Object.keys(body).sort()).toEqual([...rest.locationInfo.keys].sort());
    for (const k of payloads.locationDetails) expect(body.locationDetails).toHaveProperty(k);
    expect(chainOf(body.location).map((n) => n.inferredLocationTypes[0])).toEqual([
      "FLOOR",
      "NETWORK",
      "CAMPUS",
      "ROOT",
    ]);
    expect(Object.keys(body.locationDetails.mapDetails as object).sort()).toEqual([...payloads.mapDetails].sort());
    expect(body.locationDetails.timeZone).toBe("Europe/London");
  });

  it("describes a zone as the most specific node under its floor", async () => {
    const zone = world.zones[0]!;
    const body = await json<{ location: unknown }>(
      await api(`/api/partners/v1/locations/${zone.locationId}?partnerTenantId=${world.partnerTenantId}`),
    );
    const chain = chainOf(body.location);
    expect(chain[0]!.inferredLocationTypes).toEqual(["ZONE"]);
    expect(chain[1]!.locationId).toBe(zone.floorId);
  });

  it("answers 404 for an unknown location, 403 for another tenant's, 401 without a key", async () => {
    expect((await api(`/api/partners/v1/locations/location-nope`)).status).toBe(rest.locationInfo.codes.notFound);
    expect(
      (await api(`/api/partners/v1/locations/${branch.floors[0]!.locationId}?partnerTenantId=${world.partnerTenantId}`))
        .status,
    ).toBe(rest.locationInfo.codes.forbidden);
    expect((await api(`/api/partners/v1/locations/${world.floors[0]!.locationId}`, { key: null })).status).toBe(401);
  });
});

describe("Map Image Info and Map Image", () => {
  it("answers exactly the documented Map Image Info; the floor's feet come with the location's mapDetails", async () => {
    for (const f of world.floors) {
      const res = await api(
        `${rest.mapInfo.path.replace("{mapId}", f.mapId)}?partnerTenantId=${world.partnerTenantId}`,
      );
      const info = await json<Record<string, unknown>>(res);
      expect(Object.keys(info).sort()).toEqual([...rest.mapInfo.sampleKeys].sort());
      expect(info).toEqual({ mapId: f.mapId, imageWidth: f.imageWidth, imageHeight: f.imageHeight });
      const loc = await json<{ locationDetails: { mapDetails: { mapId: string; dimension: Record<string, number> } } }>(
        await api(`/api/partners/v1/locations/${f.locationId}?partnerTenantId=${world.partnerTenantId}`),
      );
      const d = loc.locationDetails.mapDetails.dimension;
      expect(loc.locationDetails.mapDetails.mapId).toBe(f.mapId);
      expect(Object.keys(d).sort()).toEqual([...payloads.dimension].sort());
      expect(f.imageWidth / d.width!).toBeCloseTo(f.imageHeight / d.length!, 6);
      expect(d.width).toBe(f.widthFt);
    }
    expect((await api(`/api/partners/v1/maps/00000000000000000000000000000000`)).status).toBe(
      rest.mapInfo.codes.notFound,
    );
  });

  it("serves a re-uploaded plan with a new ETag, so a client holding the old one gets it", async () => {
    const f = world.floors[0]!;
    const path = `${rest.mapImage.path.replace("{mapId}", f.mapId)}?partnerTenantId=${world.partnerTenantId}`;
    const first = await api(path);
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const upload = `<svg xmlns="http://www.w3.org/2000/svg" width="${f.imageWidth}" height="${f.imageHeight}"><text y="20">Plan revision 2</text></svg>`;
    const put = await fetch(`${sim.url}/admin/maps/${f.mapId}/image`, {
      method: "PUT",
      headers: { "Content-Type": "image/svg+xml" },
      body: upload,
    });
    expect(put.status).toBe(200);
    const again = await api(path, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(etag);
    expect(await again.text()).toBe(upload);
    expect((await fetch(`${sim.url}/admin/maps/${f.mapId}/image`, { method: "DELETE" })).status).toBe(200);
    const restored = await api(path, { headers: { "If-None-Match": etag } });
    expect(restored.status).toBe(304);
    expect(
      (await fetch(`${sim.url}/admin/maps/ffffffffffffffffffffffffffffffff/image`, { method: "PUT", body: "x" }))
        .status,
    ).toBe(404);
  });

  it("serves the floor plan with Content-MD5, ETag and Last-Modified, and 304 for a current ETag", async () => {
    const f = world.floors[1]!;
    const path = `${rest.mapImage.path.replace("{mapId}", f.mapId)}?partnerTenantId=${world.partnerTenantId}`;
    const res = await api(path);
    expect(res.status).toBe(200);
    for (const h of rest.mapImage.headers) expect(res.headers.get(h), h).toBeTruthy();
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-md5")).toBe(createHash("md5").update(body).digest("base64"));
    const svg = body.toString();
    expect(svg).toContain(`width="${f.imageWidth}" height="${f.imageHeight}"`);
    for (const z of world.zones.filter((x) => x.floorId === f.locationId)) expect(svg).toContain(z.name);
    const again = await api(path, { headers: { "If-None-Match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await api(`/api/partners/v1/maps/ffffffffffffffffffffffffffffffff/image`)).status).toBe(
      rest.mapImage.codes.notFound,
    );
  });
});

describe("Healthcheck Info", () => {
  it("lists the key's open connections and its app activations", async () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    const reading = readStream(sim.url, sim.partnerKey, { maxMs: 1500, onOpen: () => open() });
    await opened; // the connection is open (and counted) before health is asked
    const body = await json<
      Record<string, unknown> & { activeConnections: unknown[]; appActivations: Array<Record<string, unknown>> }
    >(await api(`${rest.health.path}?partnerTenantId=${world.partnerTenantId}`));
    await reading;
    expect(Object.keys(body).sort()).toEqual([...rest.health.keys].sort());
    expect(body.activeConnections.length).toBeGreaterThanOrEqual(1);
    expect(body.appActivations).toHaveLength(1);
    expect(Object.keys(body.appActivations[0]!).sort()).toEqual([...rest.health.activationKeys].sort());
    expect(body.appActivations[0]!.partnerTenantId).toBe(world.partnerTenantId);
    expect((await api(rest.health.path, { key: "bad" })).status).toBe(rest.health.codes.unauthorized);
  });
});

describe("monitoring/status", () => {
  it("accepts the documented body, refuses others with the documented codes, and records every report", async () => {
    await fetch(`${sim.url}/admin/monitoring`, { method: "DELETE" });
    const put = (body: unknown, key?: string | null) =>
      api(rest.monitoring.path, {
        method: "PUT",
        key,
        headers: { "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const ok = await put(rest.monitoring.documentedBody);
    expect(ok.status).toBe(rest.monitoring.responses.ok.code);
    expect(await json(ok)).toEqual(rest.monitoring.responses.ok.body);
    for (const bad of [
      {},
      { data: { overallStatus: { status: "sideways" }, cloudFirehose: { status: "connected" } } },
      "not json",
    ]) {
      const res = await put(bad);
      expect(res.status).toBe(rest.monitoring.responses.badRequest.code);
      expect(await json(res)).toEqual(rest.monitoring.responses.badRequest.body);
    }
    const denied = await put(rest.monitoring.documentedBody, "wrong-key");
    expect(denied.status).toBe(rest.monitoring.responses.unauthorized.code);
    expect(await json(denied)).toEqual(rest.monitoring.responses.unauthorized.body);
    const { reports } = await json<{ reports: Array<{ status: number; body: unknown; ref: string | null }> }>(
      await fetch(`${sim.url}/admin/monitoring`),
    );
    expect(reports.map((r) => r.status)).toEqual([200, 400, 400, 400, 403]);
    expect(reports[0]!.body).toEqual(rest.monitoring.documentedBody);
    expect(reports[0]!.ref).toBe("partner");
    expect(reports[3]!.body).toBe("not json");
  });
});

describe("Devices Lookup", () => {
  it("finds a simulated phone by the site's address and the phone's client IP", async () => {
    const occ = await json<{ devices: Array<{ deviceId: string; ipv4: string; type: string }> }>(
      await fetch(`${sim.url}/admin/occupancy?tenant=0`),
    );
    const phone = occ.devices.find((d) => d.type === "MOBILE")!;
    const q = (o: Record<string, string>) => `${rest.devicesLookup.path}?${new URLSearchParams(o)}`;
    const res = await api(
      q({ partnerTenantId: world.partnerTenantId, remoteIP: world.publicIp, clientIP: phone.ipv4 }),
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body)).toEqual(rest.devicesLookup.sampleKeys);
    expect(body.deviceId).toBe(phone.deviceId);
    const codes = rest.devicesLookup.codes;
    expect((await api(q({ partnerTenantId: world.partnerTenantId, remoteIP: world.publicIp }))).status).toBe(
      codes.badRequest,
    );
    expect(
      (await api(q({ partnerTenantId: world.partnerTenantId, remoteIP: world.publicIp, clientIP: "10.1.2" }))).status,
    ).toBe(codes.badRequest);
    expect(
      (await api(q({ partnerTenantId: "someone-else", remoteIP: world.publicIp, clientIP: phone.ipv4 }))).status,
    ).toBe(codes.forbidden);
    expect(
      (await api(q({ partnerTenantId: world.partnerTenantId, remoteIP: world.publicIp, clientIP: "10.99.99.99" })))
        .status,
    ).toBe(codes.notFound);
    expect(
      (await api(q({ partnerTenantId: world.partnerTenantId, remoteIP: "198.51.100.7", clientIP: phone.ipv4 }))).status,
    ).toBe(codes.notFound);
  });
});

describe("MAC filters API", () => {
  it("stores macFilter patterns per tenant and refuses a bad body with the documented 404", async () => {
    const path = `${rest.filters.path}?partnerTenantId=${branch.partnerTenantId}`;
    expect(await json(await api(path))).toEqual({ [rest.filters.bodyKey]: [] });
    const put = await api(path, {
      method: "PUT",
      body: JSON.stringify({ [rest.filters.bodyKey]: ["aa:bb:cc:*", "12-34-56-78-9A-BC"] }),
    });
    expect(put.status).toBe(200);
    expect(await json(await api(path))).toEqual({ [rest.filters.bodyKey]: ["aa:bb:cc:*", "12-34-56-78-9A-BC"] });
    expect((await api(path, { method: "PUT", body: "{" })).status).toBe(rest.filters.codes.invalidBody);
    expect((await api(path, { method: "PUT", body: JSON.stringify({ macFilter: [42] }) })).status).toBe(
      rest.filters.codes.invalidBody,
    );
    expect((await api(path, { key: "nope" })).status).toBe(rest.filters.codes.unauthorized);
    expect((await api(`${rest.filters.path}?partnerTenantId=someone-else`)).status).toBe(
      rest.filters.codes.unauthorized,
    );
  });
});
