import { isSealed, openSealed, seal } from "@/lib/crypto/secret-box";
import type { Db } from "./db";
import { legacySealContext, openQuietly, sealContext } from "./key-seal";

// API keys are sealed with AES-256-GCM (lib/crypto/secret-box) bound to their activation, so neither a
// copied database nor a swapped column gives a key away. The data key comes from DATA_KEY or the key
// file kept apart from the database (lib/crypto/data-key); callers may pass it explicitly.

export interface ActiveActivation {
  id: string;
  kind: "single-tenant" | "on-prem" | "oauth";
  activationRefId: string;
  tenantId: string;
  baseUrl: string;
  apiKey: string;
  appId: string;
  /** Learnt by an own API key from its stream (lib/ingest/key-stream.ts). */
  partnerTenantId: string;
  spacesTenantId: string | null;
  tenantName: string;
}

const kindOf = (k: string): ActiveActivation["kind"] => (k === "oauth" || k === "on-prem" ? k : "single-tenant");

export interface FindActivationOptions {
  /**
   * Why a key must not go to this stored base URL, or null: the allowlist (lib/spaces/regions
   * keyTargetCheck, fed AuthSettings.allowedBaseUrls), asked on every read. Required: no read skips it.
   */
  refuseBaseUrl(baseUrl: string): string | null;
  /** Told about each activation left out, and why (its key did not open, its host is not allowed). */
  onSkip?(activationId: string, reason: string): void;
}

/**
 * Activations that are not deactivated, with their keys unsealed. An OAuth (multi-tenant) activation
 * holds the app's partner key (stored with it when /appInfo completes); one stored without a key, by
 * an install that was not a multi-tenant app, is not listed. This is the only way to a stored key, and
 * it checks the stored base URL against the allowlist every time: every Cisco call with a stored key
 * (stream, location info, map images, monitoring, device lookup) starts from its answer. A key still in
 * plaintext (sealPlaintextKeys seals those at start) is never used as it is.
 */
export async function findActiveActivations(
  db: Db,
  dataKey: Buffer,
  o: FindActivationOptions,
): Promise<ActiveActivation[]> {
  const rows = await db.activation.findMany({
    where: { status: { not: "deactivated" }, NOT: { kind: "oauth", apiKey: "" } },
    include: { tenant: true },
  });
  const out: ActiveActivation[] = [];
  for (const r of rows) {
    const refused = o.refuseBaseUrl(r.baseUrl);
    if (refused) {
      o.onSkip?.(r.id, refused);
      continue;
    }
    if (!isSealed(r.apiKey)) {
      o.onSkip?.(r.id, "its API key is stored in plaintext (a restart seals it)");
      continue;
    }
    let apiKey: string;
    try {
      apiKey = openSealed(dataKey, r.apiKey, sealContext(r.activationRefId, r.baseUrl));
    } catch {
      try {
        apiKey = openSealed(dataKey, r.apiKey, legacySealContext(r.activationRefId));
      } catch {
        o.onSkip?.(r.id, "its API key does not open with this data key for this activation and base URL");
        continue;
      }
      await db.activation.update({
        where: { id: r.id },
        data: { apiKey: seal(dataKey, apiKey, sealContext(r.activationRefId, r.baseUrl)) },
      });
    }
    out.push({
      id: r.id,
      kind: kindOf(r.kind),
      activationRefId: r.activationRefId,
      tenantId: r.tenantId,
      baseUrl: r.baseUrl,
      apiKey,
      appId: r.appId,
      partnerTenantId: r.tenant.partnerTenantId,
      spacesTenantId: r.tenant.spacesTenantId,
      tenantName: r.tenant.name,
    });
  }
  return out;
}

export interface NewActivation {
  kind: "single-tenant" | "on-prem" | "oauth";
  appId: string;
  activationRefId: string;
  baseUrl: string;
  apiKey: string;
  partnerTenantId: string;
  tenantName: string;
}

/** Stores a new activation (its tenant created on first sight); an older one of the same kind is replaced. */
export async function saveActivation(db: Db, a: NewActivation, dataKey: Buffer): Promise<ActiveActivation> {
  const tenant = await db.tenant.upsert({
    where: { partnerTenantId: a.partnerTenantId },
    create: { partnerTenantId: a.partnerTenantId, name: a.tenantName },
    update: { name: a.tenantName },
  });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.activation.create({
      data: {
        tenantId: tenant.id,
        kind: a.kind,
        appId: a.appId,
        activationRefId: a.activationRefId,
        baseUrl: a.baseUrl,
        apiKey: seal(dataKey, a.apiKey, sealContext(a.activationRefId, a.baseUrl)),
      },
    });
    await tx.activation.updateMany({
      where: { tenantId: tenant.id, kind: a.kind, id: { not: created.id }, status: { not: "deactivated" } },
      data: { status: "deactivated", statusMessage: `replaced by activation ${created.id}` },
    });
    return created;
  });
  return {
    id: row.id,
    kind: a.kind,
    activationRefId: a.activationRefId,
    tenantId: tenant.id,
    baseUrl: row.baseUrl,
    apiKey: a.apiKey,
    appId: row.appId,
    partnerTenantId: a.partnerTenantId,
    spacesTenantId: tenant.spacesTenantId,
    tenantName: tenant.name,
  };
}

export async function setActivationStatus(
  db: Db,
  id: string,
  status: "active" | "unhealthy" | "deactivated",
  message: string | null,
) {
  await db.activation.update({ where: { id }, data: { status, statusMessage: message } });
}

export interface ActivationSummary {
  id: string;
  kind: string;
  appId: string;
  baseUrl: string;
  status: string;
  statusMessage: string | null;
  partnerTenantId: string;
  tenantName: string;
  createdAt: string;
  /** When this install first stored the key the activation holds now. */
  keySetAt: string;
}

/** What the setup page lists: never the key. */
export async function listActivations(db: Db, tenantId?: string): Promise<ActivationSummary[]> {
  const rows = await db.activation.findMany({
    where: tenantId ? { tenantId } : {},
    include: { tenant: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    appId: r.appId,
    baseUrl: r.baseUrl,
    status: r.status,
    statusMessage: r.statusMessage,
    partnerTenantId: r.tenant.partnerTenantId,
    tenantName: r.tenant.name,
    createdAt: r.createdAt.toISOString(),
    keySetAt: r.keySetAt.toISOString(),
  }));
}

/**
 * A multi-tenant (OAuth) customer finished Cisco's activation: keep the mapping between Cisco and our
 * account. Its events arrive on the app's shared stream, read with the app's partner key: the key is
 * stored with it (sealed) when this install is a multi-tenant app, so every node can serve the tenant's
 * REST calls with the key that can. Returns the activation id.
 */
export async function ensureOAuthActivation(
  db: Db,
  o: { tenantId: string; appId: string; baseUrl: string; partnerKey?: string | null },
  dataKey: Buffer,
): Promise<string> {
  const ref = `oauth:${o.tenantId}`;
  const apiKey = o.partnerKey ? seal(dataKey, o.partnerKey, sealContext(ref, o.baseUrl)) : "";
  const before = await db.activation.findUnique({ where: { activationRefId: ref } });
  const held = before && isSealed(before.apiKey) ? openQuietly(dataKey, before.apiKey, ref, before.baseUrl) : null;
  const row = await db.activation.upsert({
    where: { activationRefId: ref },
    create: { tenantId: o.tenantId, kind: "oauth", appId: o.appId, activationRefId: ref, baseUrl: o.baseUrl, apiKey },
    update: {
      status: "active",
      statusMessage: null,
      baseUrl: o.baseUrl,
      appId: o.appId,
      apiKey,
      ...(held !== (o.partnerKey || null) ? { keySetAt: new Date() } : {}),
    },
  });
  return row.id;
}

/** The partner key changed (the operator rotated SPACES_API_KEY): OAuth activations get the new one. */
export async function resealOAuthActivations(
  db: Db,
  o: { partnerKey: string; baseUrl: string },
  dataKey: Buffer,
): Promise<number> {
  const rows = await db.activation.findMany({ where: { kind: "oauth", status: { not: "deactivated" } } });
  let n = 0;
  for (const r of rows) {
    // A plaintext value is never taken as the current key: it is sealed anew.
    const current = isSealed(r.apiKey) ? openQuietly(dataKey, r.apiKey, r.activationRefId, r.baseUrl) : null;
    if (current === o.partnerKey && r.baseUrl === o.baseUrl) continue;
    await db.activation.update({
      where: { id: r.id },
      data: {
        apiKey: seal(dataKey, o.partnerKey, sealContext(r.activationRefId, o.baseUrl)),
        baseUrl: o.baseUrl,
        ...(current !== o.partnerKey ? { keySetAt: new Date() } : {}),
      },
    });
    n++;
  }
  return n;
}

/** An own API key learnt its account's partnerTenantId from the stream: the tenant takes it. */
export async function renameTenantPartnerId(
  db: Db,
  o: { tenantId: string; partnerTenantId: string; spacesTenantId: string | null },
): Promise<void> {
  await db.tenant.update({
    where: { id: o.tenantId },
    data: { partnerTenantId: o.partnerTenantId, ...(o.spacesTenantId ? { spacesTenantId: o.spacesTenantId } : {}) },
  });
}

/** APP_ACTIVATION names the Cisco tenant behind our partnerTenantId: remember it. */
export async function linkSpacesTenant(
  db: Db,
  o: { partnerTenantId: string; spacesTenantId: string },
): Promise<boolean> {
  const r = await db.tenant.updateMany({
    where: { partnerTenantId: o.partnerTenantId },
    data: { spacesTenantId: o.spacesTenantId },
  });
  return r.count > 0;
}

/** Tenants whose every activation is deactivated, with why (the latest one's message): they show "deactivated" after a restart too. */
export async function findDeactivatedTenants(db: Db): Promise<Array<{ tenantId: string; message: string | null }>> {
  const rows = await db.activation.findMany({
    select: { tenantId: true, status: true, statusMessage: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const live = new Set(rows.filter((r) => r.status !== "deactivated").map((r) => r.tenantId));
  const out = new Map<string, string | null>();
  for (const r of rows) if (!live.has(r.tenantId) && !out.has(r.tenantId)) out.set(r.tenantId, r.statusMessage);
  return [...out].map(([tenantId, message]) => ({ tenantId, message }));
}

/** Whether an activation token (by its activationRefId) was already spent here, whatever became of it since. */
export async function activationRefUsed(db: Db, activationRefId: string): Promise<boolean> {
  return (await db.activation.count({ where: { activationRefId } })) > 0;
}

/** Removes the activation stored under this reference, if any (an own key starting over). */
export async function removeActivationByRef(db: Db, activationRefId: string): Promise<void> {
  await db.activation.deleteMany({ where: { activationRefId } });
}
