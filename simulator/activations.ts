import type { ApiKeys, KeyClaims } from "./api-keys";
import type { EventLog } from "./event-log";
import { hexId } from "./hash";
import { record } from "./records";
import type { World } from "./world";

// Who has activated the app, and the activation lifecycle in the stream: APP_ACTIVATION when an
// activation starts, APP_DE_ACTIVATION when it is deleted (admin) or ended by a reused token.
// Token activations get their own API key (one tenant); OAuth activations of a multi-tenant app
// ride on the partner key, which carries every tenant activated that way.

export type ActivationKind = "single-tenant" | "on-prem" | "oauth";

export interface Activation {
  ref: string;
  kind: ActivationKind;
  tenant: number;
  /** The activation's own key (token activations); null for OAuth ones (they use the partner key). */
  apiKey: string | null;
  name: string;
  instanceName: string;
  appDashboardUrl: string;
  activatedAt: number;
  deletedAt: number | null;
}

export interface Activations {
  readonly partnerKey: string;
  list(): Activation[];
  find(ref: string): Activation | undefined;
  /** First use of a token: activates and returns the key. A reused token deactivates instead. */
  activateWithToken(i: {
    ref: string;
    kind: "single-tenant" | "on-prem";
    tenant: number;
    instanceName?: string;
    appDashboardUrl?: string;
  }): { apiKey: string } | { reused: Activation };
  activateOAuth(tenant: number, partnerTenantId: string): Activation;
  remove(ref: string): Activation | null;
  /** When a key's activation was deleted (simulated time), or null while it is live. */
  revokedAt(claims: KeyClaims): number | null;
  /** Tenants whose records a key receives at a moment. */
  tenantsAt(claims: KeyClaims, ts: number): number[];
}

export function createActivations(
  world: World,
  keys: ApiKeys,
  log: EventLog,
  appName: string,
  now: () => number,
): Activations {
  const all = new Map<string, Activation>();
  const all0 = world.tenants.map((tw) => tw.tenant.index);
  const partnerKey = keys.mint({ kind: "partner", ref: "partner", tenants: all0 });

  // Every tenant starts activated for the multi-tenant app, as a sandbox tenant would be.
  for (const tw of world.tenants) {
    const ref = hexId(32, world.seed, "oauth", tw.tenant.index).toUpperCase();
    all.set(ref, {
      ref,
      kind: "oauth",
      tenant: tw.tenant.index,
      apiKey: null,
      name: `${appName} for ${tw.tenant.name}`,
      instanceName: "",
      appDashboardUrl: "",
      activatedAt: -Infinity,
      deletedAt: null,
    });
  }

  const lifecycle = (a: Activation, eventType: "APP_ACTIVATION" | "APP_DE_ACTIVATION", ts: number) => {
    const tw = world.tenants[a.tenant]!;
    const v = tw.structure.at(ts);
    const payload = {
      spacesTenantName: tw.tenant.name,
      spacesTenantId: tw.tenant.spacesTenantId,
      partnerTenantId: v.partnerTenantId,
      name: a.name,
      referenceId: a.ref,
      instanceName: a.instanceName,
      macFilters: tw.filters.at(ts).patterns,
      iotGroups: [],
    };
    const uid = `event-${hexId(16, world.seed, eventType, a.ref, ts)}`;
    log.append({
      ts,
      tenant: a.tenant,
      ref: a.kind === "oauth" ? "partner" : a.ref,
      line: record(v, uid, ts, eventType, payload),
    });
  };

  return {
    partnerKey,
    list: () => [...all.values()],
    find: (ref) => all.get(ref),
    activateWithToken(i) {
      const ts = now();
      const existing = all.get(i.ref);
      if (existing) {
        if (existing.deletedAt === null) {
          existing.deletedAt = ts;
          lifecycle(existing, "APP_DE_ACTIVATION", ts);
        }
        return { reused: existing };
      }
      const apiKey = keys.mint({ kind: i.kind, ref: i.ref, tenants: [i.tenant] });
      const a: Activation = {
        ref: i.ref,
        kind: i.kind,
        tenant: i.tenant,
        apiKey,
        name: `${appName} for ${world.tenants[i.tenant]!.tenant.name}`,
        instanceName: i.instanceName ?? "",
        appDashboardUrl: i.appDashboardUrl ?? "",
        activatedAt: ts,
        deletedAt: null,
      };
      all.set(i.ref, a);
      lifecycle(a, "APP_ACTIVATION", ts);
      return { apiKey };
    },
    activateOAuth(tenant, partnerTenantId) {
      const ts = now();
      for (const a of all.values())
        if (a.kind === "oauth" && a.tenant === tenant && a.deletedAt === null) a.deletedAt = ts;
      const tw = world.tenants[tenant]!;
      if (tw.structure.current().partnerTenantId !== partnerTenantId)
        tw.structure.change(ts, (o) => void (o.partnerTenantId = partnerTenantId));
      const ref = hexId(32, world.seed, "oauth", tenant, ts).toUpperCase();
      const a: Activation = {
        ref,
        kind: "oauth",
        tenant,
        apiKey: null,
        name: `${appName} for ${tw.tenant.name}`,
        instanceName: "",
        appDashboardUrl: "",
        activatedAt: ts,
        deletedAt: null,
      };
      all.set(ref, a);
      lifecycle(a, "APP_ACTIVATION", ts);
      return a;
    },
    remove(ref) {
      const a = all.get(ref);
      if (!a || a.deletedAt !== null) return null;
      a.deletedAt = now();
      lifecycle(a, "APP_DE_ACTIVATION", a.deletedAt);
      return a;
    },
    revokedAt(claims) {
      if (claims.kind === "partner") return null;
      return all.get(claims.ref)?.deletedAt ?? null;
    },
    tenantsAt(claims, ts) {
      if (claims.kind !== "partner") return claims.tenants.filter((t) => t < world.tenants.length);
      const out: number[] = [];
      for (const a of all.values()) {
        if (a.kind !== "oauth" || a.activatedAt > ts || (a.deletedAt !== null && a.deletedAt < ts)) continue;
        if (!out.includes(a.tenant)) out.push(a.tenant);
      }
      return out.sort((x, y) => x - y);
    },
  };
}
