import { randomBytes } from "node:crypto";

// Fault injection for tests and demos, switched on and off at run time (admin routes) or at start
// (--fault). Each fault can be scoped to one API key. None of them loses data a resuming client
// cannot get back: they cut, delay, repeat, reorder or add lines, or refuse whole requests.

export const FAULT_TYPES = [
  "cut",
  "stall",
  "duplicates",
  "reorder",
  "malformed",
  "oversized",
  "unauthorized",
  "unavailable",
  "slow",
  "skew",
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface FaultSpec {
  type: FaultType;
  /** Only requests and streams with this X-API-KEY (default: all). */
  key?: string | null;
  /** cut/stall: lines sent on a connection before it strikes (default 20). */
  afterLines?: number;
  /** How many times it strikes before it is spent (cut/stall default 1; others unlimited). */
  times?: number | null;
  /** duplicates/malformed/oversized: strike on every Nth line (default 10, 25, 500). */
  every?: number;
  /** reorder: lines per reversed group (default 4). */
  window?: number;
  /** stall: length (default 30); unavailable: length (default 10); unauthorized: length (default: until removed). */
  seconds?: number;
  /** unavailable: the HTTP status (default 503). */
  status?: number;
  /** slow: stream bandwidth (default 2000). */
  bytesPerSecond?: number;
  /** oversized: line length (default 2 MiB). */
  bytes?: number;
  /** skew: shift of iat/exp in minted tokens (default 300; negative = in the past). */
  skewSeconds?: number;
}

export interface Fault extends Required<Omit<FaultSpec, "key" | "times">> {
  id: string;
  key: string | null;
  /** Strikes left; null = unlimited. */
  times: number | null;
  hits: number;
  createdAt: number;
  /** Wall time it ends by itself, or null. */
  until: number | null;
}

/** The parameters each type uses (the others are left out of what the admin route shows). */
const PARAMS: Record<FaultType, string[]> = {
  cut: ["afterLines"],
  stall: ["afterLines", "seconds"],
  duplicates: ["every"],
  reorder: ["window"],
  malformed: ["every"],
  oversized: ["every", "bytes"],
  unauthorized: ["seconds"],
  unavailable: ["seconds", "status"],
  slow: ["bytesPerSecond"],
  skew: ["skewSeconds"],
};

/** A fault as the admin route shows it: its own parameters, its counters and whether it is live. */
export function describeFault(f: Fault, active: boolean): Record<string, unknown> {
  const own = Object.fromEntries(PARAMS[f.type].map((k) => [k, f[k as keyof Fault]]));
  return {
    id: f.id,
    type: f.type,
    key: f.key,
    ...own,
    times: f.times,
    hits: f.hits,
    createdAt: f.createdAt,
    until: f.until,
    active,
  };
}

const DEFAULTS = {
  afterLines: 20,
  every: 10,
  window: 4,
  seconds: 30,
  status: 503,
  bytesPerSecond: 2000,
  bytes: 2 * 1024 * 1024,
  skewSeconds: 300,
};
const EVERY: Partial<Record<FaultType, number>> = { malformed: 25, oversized: 500 };

/** Checks a spec from JSON or the CLI; returns the reason it is invalid, or null. */
export function faultSpecError(s: Record<string, unknown>): string | null {
  if (!FAULT_TYPES.includes(s.type as FaultType)) return `type must be one of ${FAULT_TYPES.join(", ")}`;
  for (const k of ["afterLines", "every", "window", "seconds", "status", "bytesPerSecond", "bytes", "times"]) {
    const v = s[k];
    if (v !== undefined && v !== null && (typeof v !== "number" || !Number.isFinite(v) || v < 0))
      return `${k} must be a non-negative number`;
  }
  if (s.skewSeconds !== undefined && typeof s.skewSeconds !== "number") return "skewSeconds must be a number";
  if (s.key !== undefined && s.key !== null && typeof s.key !== "string") return "key must be a string";
  if (s.status !== undefined && ((s.status as number) < 400 || (s.status as number) > 599))
    return "status must be 4xx or 5xx";
  if ((s.every !== undefined && (s.every as number) < 1) || (s.window !== undefined && (s.window as number) < 2))
    return "every must be >= 1 and window >= 2";
  return null;
}

/** `type:k=v,k=v` (the --fault flag) to a spec. */
export function parseFaultFlag(flag: string): FaultSpec {
  const [type, rest = ""] = flag.split(":", 2) as [string, string?];
  const spec: Record<string, unknown> = { type };
  for (const pair of rest.split(",").filter(Boolean)) {
    const [k, v] = pair.split("=", 2) as [string, string?];
    spec[k] = k === "key" ? v : Number(v);
  }
  const err = faultSpecError(spec);
  if (err) throw new Error(`--fault ${flag}: ${err}`);
  return spec as unknown as FaultSpec;
}

export interface Faults {
  add(spec: FaultSpec): Fault;
  list(): Array<Record<string, unknown>>;
  remove(id: string): boolean;
  clear(): void;
  /** Active faults of a type that apply to a key, right now. */
  active(type: FaultType, key: string | undefined): Fault[];
  /** Counts a strike; a fault with no strikes left is spent. */
  strike(f: Fault): void;
  skewSeconds(): number;
  /** Called when a fault that refuses whole requests starts (to end open streams). */
  onRefuse(cb: (f: Fault) => void): void;
}

export function createFaults(now: () => number): Faults {
  const faults: Fault[] = [];
  const listeners: Array<(f: Fault) => void> = [];
  const live = (f: Fault) => (f.times === null || f.times > 0) && (f.until === null || now() < f.until);
  return {
    add(spec) {
      const type = spec.type;
      const f: Fault = {
        ...DEFAULTS,
        every: EVERY[type] ?? DEFAULTS.every,
        ...Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)),
        id: `fault-${randomBytes(4).toString("hex")}`,
        type,
        key: spec.key ?? null,
        times: spec.times === undefined ? (type === "cut" || type === "stall" ? 1 : null) : spec.times,
        hits: 0,
        createdAt: now(),
        until: null,
      } as Fault;
      if (type === "unavailable" || (type === "unauthorized" && spec.seconds !== undefined))
        f.until = f.createdAt + f.seconds * 1000;
      faults.push(f);
      if (type === "unavailable" || type === "unauthorized") for (const cb of listeners) cb(f);
      return f;
    },
    list: () => faults.map((f) => describeFault(f, live(f))),
    remove(id) {
      const i = faults.findIndex((f) => f.id === id);
      if (i < 0) return false;
      faults.splice(i, 1);
      return true;
    },
    clear: () => void faults.splice(0),
    active(type, key) {
      return faults.filter((f) => f.type === type && (f.key === null || f.key === key) && live(f));
    },
    strike(f) {
      f.hits++;
      if (f.times !== null && f.times > 0) f.times--;
    },
    skewSeconds() {
      return faults.filter((f) => f.type === "skew" && live(f)).reduce((s, f) => s + f.skewSeconds, 0);
    },
    onRefuse: (cb) => void listeners.push(cb),
  };
}
