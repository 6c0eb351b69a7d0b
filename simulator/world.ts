import { createTenant, tenantSpecs, type BuildingTyping } from "./campus";
import { createFilterTimeline } from "./filters";
import { createGenerator, type Generator, type TenantWorld } from "./generator";
import { h2 } from "./hash";
import { createPeople } from "./people";
import { createStructureTimeline } from "./structure";
import type { BuildingPlan } from "./layouts";
import type { DeviceProfile } from "./worlds";

// The whole simulated world: tenants, each with a campus, people and their devices, and a record
// generator. Building it does no I/O.

export interface WorldOptions {
  seed: number;
  /** People in the first tenant's campus (the second tenant gets a quarter). */
  people: number;
  /** How many tenants exist (1 to 3). */
  tenants: number;
  /** Buildings on the first tenant's campus (1: HQ; 2: HQ and the Annex). */
  buildings: number;
  /**
   * How buildings are typed: "building" as ["NETWORK", "BUILDING"]; "network" as ["NETWORK"] alone,
   * the way the sample location hierarchy of the Cisco Spaces Partner Ecosystem Guide (Location Info) is.
   */
  hierarchy?: BuildingTyping;
  tickMs: number;
  updateMs: number;
  pii: boolean;
  /** A named world's buildings for the first tenant (simulator/worlds.ts); absent: HQ. */
  plans?: BuildingPlan[];
  /** The first tenant's time zone (default Europe/London). */
  timeZone?: string;
  /** How many devices people carry (default: simulator/worlds.ts DEFAULT_DEVICES). */
  devices?: DeviceProfile;
}

export interface World {
  seed: number;
  tickMs: number;
  updateMs: number;
  pii: boolean;
  tenants: TenantWorld[];
  generators: Generator[];
}

export const DEFAULT_PEOPLE = 200;

export function createWorld(o: WorldOptions): World {
  const specs = tenantSpecs(o.buildings, { plans: o.plans, timeZone: o.timeZone }).slice(
    0,
    Math.max(1, Math.min(3, o.tenants)),
  );
  const tenants = specs.map((spec, index): TenantWorld => {
    const tenant = createTenant(o.seed, index, spec, o.hierarchy ?? "building");
    const { people, devices } = createPeople(
      o.seed,
      tenant,
      index === 0 ? o.people : Math.max(8, Math.round(o.people / 4)),
      index === 0 ? o.devices : undefined,
    );
    return {
      tenant,
      people,
      devices,
      structure: createStructureTimeline(tenant),
      filters: createFilterTimeline(devices),
      key: h2(o.seed, index),
    };
  });
  return {
    seed: o.seed,
    tickMs: o.tickMs,
    updateMs: o.updateMs,
    pii: o.pii,
    tenants,
    generators: tenants.map((tw) => createGenerator(tw, { tickMs: o.tickMs, updateMs: o.updateMs, pii: o.pii })),
  };
}
