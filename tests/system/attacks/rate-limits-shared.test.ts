import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { startProcess, type Proc } from "../../helpers/app-server";
import { createTempPgDatabase, type TempPgDatabase } from "../../helpers/postgres";

// Two web nodes behind one load balancer, on this machine's PostgreSQL and Redis: an attacker whose
// requests the balancer spreads over both nodes gets no more attempts than on one. The counters use
// a key prefix of this run's own.

const REDIS_URL = "redis://127.0.0.1:6379/12";
const ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };
const PER_ADDRESS = 6;
const LOCKOUT = 3;

describe("two web nodes sharing Redis share every limit", () => {
  const nodes: Proc[] = [];
  let pgDb: TempPgDatabase | undefined;
  const prefix = `fp:test:rl:${randomBytes(4).toString("hex")}:`;

  beforeAll(async () => {
    pgDb = await createTempPgDatabase();
    const env = {
      ROLE: "web",
      DATABASE_URL: pgDb.url,
      REDIS_URL,
      DATA_KEY: randomBytes(32).toString("base64"),
      PORT: "0",
      TRUST_PROXY: "true",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_AUTH_PER_MINUTE: String(PER_ADDRESS),
      ACCOUNT_LOCKOUT_FAILURES: String(LOCKOUT),
      RATE_LIMIT_KEY_PREFIX: prefix,
    };
    // One after the other: the first creates the admin and the schema.
    nodes.push(await startProcess(["server.ts"], env, /Floorpulse ready on (http:\/\/\S+)/, 120_000));
    nodes.push(await startProcess(["server.ts"], env, /Floorpulse ready on (http:\/\/\S+)/, 120_000));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop("SIGKILL")));
    await pgDb?.drop();
    const r = createClient({ url: REDIS_URL });
    await r.connect();
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(keys);
    await r.quit();
  });

  const signIn = (node: number, from: string, email: string, password: string) =>
    fetch(`${nodes[node]!.ready}/auth/session`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: nodes[node]!.ready,
        "X-Forwarded-For": from,
      },
      body: new URLSearchParams({ email, password, next: "/" }),
    });

  it("attempts from one /64 spread over both nodes run out after one node's budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 2; i++)
      statuses.push((await signIn(i % 2, `2001:db8:7:7::${i + 1}`, `nobody-${i}@example.com`, "x")).status);
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(303), 429, 429]);
    // Both nodes refuse it now, with the same header.
    for (const node of [0, 1]) {
      const res = await signIn(node, "2001:DB8:7:7::ffff", "nobody@example.com", "x");
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("guesses at one account on both nodes from many addresses lock it on both", async () => {
    for (let i = 0; i < LOCKOUT; i++) {
      const res = await signIn(i % 2, `198.51.100.${i + 1}`, i ? ADMIN.email.toUpperCase() : ADMIN.email, "guess");
      expect(res.headers.get("location")).toMatch(/^\/signin\?error=credentials/);
    }
    for (const node of [0, 1]) {
      const right = await signIn(node, `203.0.113.${node + 1}`, ADMIN.email, ADMIN.password);
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(60);
      expect(right.headers.getSetCookie()).toEqual([]);
    }
  });
});
