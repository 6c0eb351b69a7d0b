import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm run simulator` on its own: the help, the flags, and a running server a person can curl.

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) {
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
});

function start(args: string[]): Promise<{ child: ChildProcess; out: () => string; url: string }> {
  const child = spawn(TSX, ["simulator/cli.ts", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${out}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m && out.includes("Open to launch")) {
        clearTimeout(timer);
        resolveStart({ child, out: () => out, url: m[1]! });
      }
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}:\n${out}`)));
  });
}

describe("npm run simulator", () => {
  it("explains itself with --help: every endpoint, admin route and flag", () => {
    const r = spawnSync(TSX, ["simulator/cli.ts", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const s of [
      "/api/partners/v1/firehose/events",
      "/api/partners/v1/locations/:locationId",
      "/api/partners/v1/maps/:mapId",
      "/api/partners/v1/firehose/health",
      "/api/partners/v1/monitoring/status",
      "/api/partners/v1/devices/lookup",
      "/api/partners/v1/firehose/filters",
      "partnerPublicKey",
      "activateSingleTenantCloudApp",
      "/partner/OAuthValidation",
      "/admin/faults",
      "--seed",
      "--speed",
      "--full-speed",
      "--fault",
      "--mint-activation",
      "--launch",
    ]) {
      expect(r.stdout).toContain(s);
    }
  });

  it("refuses a bad flag value with a clear message", () => {
    const r = spawnSync(TSX, ["simulator/cli.ts", "--speed", "fast"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--speed must be a positive number or "max"/);
    const f = spawnSync(TSX, ["simulator/cli.ts", "--fault", "gremlins"], { cwd: ROOT, encoding: "utf8" });
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/type must be one of/);
  });

  it("runs a named world chosen by --world or SIMULATOR_WORLD, and names the worlds it knows when the name is wrong", async () => {
    const help = spawnSync(TSX, ["simulator/cli.ts", "--help"], { cwd: ROOT, encoding: "utf8" }).stdout;
    for (const w of ["demo", "tower", "campus", "wifi-only", "covered"])
      expect(help).toMatch(new RegExp(`^ +${w} +seed \\d+`, "m"));
    const bad = spawnSync(TSX, ["simulator/cli.ts", "--world", "atlantis"], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--world must be one of demo, tower, campus, wifi-only, covered");
    const badEnv = spawnSync(TSX, ["simulator/cli.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, SIMULATOR_WORLD: "atlantis" },
    });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain('got "atlantis"');
    const sim = await start(["--port", "0", "--world", "tower", "--launch", "http://127.0.0.1:3000/auth/appLogin"]);
    expect(sim.out()).toContain("world tower, seed 7");
    const world = (await (await fetch(`${sim.url}/admin/world?tenant=0`)).json()) as {
      people: number;
      timeZone: string;
      floors: Array<{ name: string }>;
    };
    expect(world).toMatchObject({ people: 360, timeZone: "America/New_York" });
    expect(world.floors.map((f) => f.name)).toEqual(["Level 1", "Level 2", "Level 3", "Level 4"]);
    const occ = (await (await fetch(`${sim.url}/admin/occupancy?tenant=0`)).json()) as {
      buildings: Array<{ people: number }>;
      floors: Array<{ people: number }>;
    };
    expect(occ.buildings[0]!.people).toBe(occ.floors.reduce((n, f) => n + f.people, 0));
    process.kill(-sim.child.pid!, "SIGKILL");
  });

  it("runs alone, prints tokens and the launch URL, and serves the API", async () => {
    const sim = await start([
      "--port",
      "0",
      "--seed",
      "4",
      "--mint-activation",
      "--launch",
      "http://127.0.0.1:3000/auth/appLogin",
      "--fault",
      "duplicates:every=1000",
    ]);
    expect(sim.out()).toMatch(/Activation token: ey/);
    expect(sim.out()).toMatch(/Partner API key \(all tenants\): \S+/);
    const keys = (await (await fetch(`${sim.url}/client/v1/partner/partnerPublicKey`)).json()) as { data: unknown[] };
    expect(keys.data).toHaveLength(2);
    const launch = sim.out().match(/Open to launch the app tile: (\S+)/)![1]!;
    expect(await (await fetch(launch)).text()).toContain('action="http://127.0.0.1:3000/auth/appLogin"');
    const faults = (await (await fetch(`${sim.url}/admin/faults`)).json()) as { faults: Array<{ type: string }> };
    expect(faults.faults.map((f) => f.type)).toEqual(["duplicates"]);
  });
});
