import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockAt, json } from "../helpers/stream-reader";
import { createSpacesClient } from "@/lib/spaces/client";
import { createSimulator, type Simulator } from "@/simulator/server";

// "You are here" asks Cisco's Devices Lookup over HTTP; the client maps its documented answers.

interface WorldInfo {
  partnerTenantId: string;
  publicIp: string;
}
interface Occupancy {
  devices: Array<{ deviceId: string; ipv4: string; filtered: boolean }>;
}

let sim: Simulator;
let world: WorldInfo;
let branch: WorldInfo;
let phone: Occupancy["devices"][number];

beforeAll(async () => {
  sim = await createSimulator({ seed: 9, now: clockAt(10) });
  world = await json<WorldInfo>(await fetch(`${sim.url}/admin/world?tenant=0`));
  branch = await json<WorldInfo>(await fetch(`${sim.url}/admin/world?tenant=1`));
  phone = (await json<Occupancy>(await fetch(`${sim.url}/admin/occupancy?tenant=0`))).devices.find((d) => !d.filtered)!;
});
afterAll(async () => {
  await sim?.close();
});

describe("Devices Lookup client", () => {
  it("finds the deviceId of a phone on the venue network", async () => {
    const c = createSpacesClient(sim.url);
    expect(await c.lookupDevice(sim.partnerKey, world.partnerTenantId, world.publicIp, phone.ipv4)).toEqual({
      found: true,
      deviceId: phone.deviceId,
    });
  });

  it("answers not found for an address the venue does not know, or another venue's network", async () => {
    const c = createSpacesClient(sim.url);
    expect(await c.lookupDevice(sim.partnerKey, world.partnerTenantId, world.publicIp, "10.250.0.7")).toEqual({
      found: false,
      status: 404,
    });
    expect(await c.lookupDevice(sim.partnerKey, world.partnerTenantId, branch.publicIp, phone.ipv4)).toEqual({
      found: false,
      status: 404,
    });
  });

  it("answers forbidden for a tenant the key may not see, and bad request for an invalid address", async () => {
    const c = createSpacesClient(sim.url);
    expect(await c.lookupDevice(sim.partnerKey, "not-a-tenant", world.publicIp, phone.ipv4)).toEqual({
      found: false,
      status: 403,
    });
    expect(await c.lookupDevice(sim.partnerKey, world.partnerTenantId, world.publicIp, "not-an-ip")).toEqual({
      found: false,
      status: 400,
    });
  });

  it("throws when Cisco refuses the key (not a visitor's problem)", async () => {
    const c = createSpacesClient(sim.url);
    await expect(c.lookupDevice("wrong-key", world.partnerTenantId, world.publicIp, phone.ipv4)).rejects.toThrow(
      /HTTP 401/,
    );
  });
});
