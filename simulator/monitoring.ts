// The body of PUT /api/partners/v1/monitoring/status, as the partner guide documents it:
// { data: { overallStatus{status up|down, notices[{message, category critical|warning|info}]},
//   instanceDetails{ipAddress, instanceId}, cloudFirehose{status connected|disconnected, lastReceived},
//   localFirehose{…}, subsystems[{name, status up|down}] } }

export const MONITORING_MESSAGES = {
  ok: "No error, operation successful",
  bad: "Bad Request",
  auth: "Authentication failure or invalid API Key",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const oneOf = (v: unknown, allowed: string[]) => typeof v === "string" && allowed.includes(v);

/** Why a monitoring body is not the documented one, or null when it is. */
export function monitoringBodyError(body: unknown): string | null {
  if (!isObj(body) || !isObj(body.data)) return "body must be an object with a data object";
  const d = body.data;
  if (!isObj(d.overallStatus)) return "data.overallStatus is required";
  if (!oneOf(d.overallStatus.status, ["up", "down"])) return 'data.overallStatus.status must be "up" or "down"';
  const notices = d.overallStatus.notices;
  if (notices !== undefined) {
    if (!Array.isArray(notices)) return "data.overallStatus.notices must be an array";
    for (const n of notices) {
      if (!isObj(n) || typeof n.message !== "string") return "each notice needs a message string";
      if (!oneOf(n.category, ["critical", "warning", "info"]))
        return 'notice category must be "critical", "warning" or "info"';
    }
  }
  if (d.instanceDetails !== undefined) {
    if (!isObj(d.instanceDetails)) return "data.instanceDetails must be an object";
    for (const k of ["ipAddress", "instanceId"]) {
      if (d.instanceDetails[k] !== undefined && typeof d.instanceDetails[k] !== "string")
        return `data.instanceDetails.${k} must be a string`;
    }
  }
  for (const k of ["cloudFirehose", "localFirehose"]) {
    const f = d[k];
    if (f === undefined && k === "localFirehose") continue;
    if (f === undefined) return `data.${k} is required`;
    if (!isObj(f)) return `data.${k} must be an object`;
    if (!oneOf(f.status, ["connected", "disconnected"]))
      return `data.${k}.status must be "connected" or "disconnected"`;
    if (
      f.lastReceived !== undefined &&
      (typeof f.lastReceived !== "number" || !Number.isInteger(f.lastReceived) || f.lastReceived < 0)
    ) {
      return `data.${k}.lastReceived must be epoch milliseconds`;
    }
  }
  if (d.subsystems !== undefined) {
    if (!Array.isArray(d.subsystems)) return "data.subsystems must be an array";
    for (const s of d.subsystems) {
      if (!isObj(s) || typeof s.name !== "string" || !s.name) return "each subsystem needs a name";
      if (!oneOf(s.status, ["up", "down"])) return 'subsystem status must be "up" or "down"';
    }
  }
  return null;
}
