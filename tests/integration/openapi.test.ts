import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API_ROUTES, openApiDocument } from "@/lib/insights/openapi";
import { ROOT, type AppServer } from "../helpers/app-server";
import { bootApp } from "../helpers/app-in-process";

// /api/openapi.json against the real server: every documented route exists and answers what its
// schema in the document says (the document's JSON Schema, read back, validates the real response),
// and the documented query parameters are the ones the route checks.

type Doc = {
  openapi: string;
  paths: Record<
    string,
    {
      get: {
        parameters: Array<{ name: string; in: string; schema: { enum?: string[] } }>;
        responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
      };
    }
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

let app: AppServer;
let doc: Doc;
let floorId: string;

beforeAll(async () => {
  app = await bootApp();
  doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as Doc;
  // A floor learned from the simulator's stream, for the routes that take a location.
  await vi.waitFor(
    async () => {
      const r = (await (await fetch(`${app.url}/api/insights`)).json()) as {
        locations: Array<{ id: string; type: string }>;
      };
      floorId = r.locations.find((l) => l.type === "FLOOR")!.id;
    },
    { timeout: 30_000, interval: 250 },
  );
});

afterAll(async () => {
  await app?.stop();
});

const schemaOf = (ref: string) =>
  z.fromJSONSchema(
    doc.components.schemas[ref.replace("#/components/schemas/", "")]! as Parameters<typeof z.fromJSONSchema>[0],
  );
const urlOf = (path: string) => `${app.url}${path.replace("{locationId}", encodeURIComponent(floorId))}`;

describe("OpenAPI document", () => {
  it("documents exactly the figures and history routes, each backed by a route file", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(API_ROUTES.map((r) => r.path).sort());
    for (const path of Object.keys(doc.paths))
      expect(existsSync(join(ROOT, "app", path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts")), path).toBe(true);
  });

  it.each(API_ROUTES.map((r) => r.path))("%s answers what its schema in the document says", async (path) => {
    const op = doc.paths[path]!.get;
    const ref = op.responses["200"]!.content!["application/json"]!.schema.$ref!;
    const res = await fetch(urlOf(path));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const schema = schemaOf(ref);
    const checked = schema.safeParse(body);
    expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 3))).toBe(true);
    // The schema read back from the document is strict enough to notice a missing field.
    const firstKey = Object.keys(body)[0]!;
    const { [firstKey]: _, ...without } = body;
    expect(schema.safeParse(without).success).toBe(false);
  });

  it("is the document the code generates", () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it.each(
    API_ROUTES.flatMap((r) =>
      (openApiDocument() as unknown as Doc).paths[r.path]!.get.parameters.filter(
        (p) => p.in === "query" && p.schema.enum,
      ).map((p) => [r.path, p.name] as const),
    ),
  )("%s refuses a %s outside its documented values", async (path, name) => {
    const res = await fetch(`${urlOf(path)}?${name}=not-a-documented-value`);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("VALIDATION");
  });

  it("gives the forecast as it stood at a moment asked for, and refuses a moment that is not one", async () => {
    const at = Date.UTC(2026, 2, 9, 10, 20);
    const res = await fetch(`${urlOf("/api/forecast/{locationId}")}?at=${at}`);
    expect(res.status).toBe(200);
    // Only what was stored before that Monday counts, and nothing was: no weeks behind it, no points.
    expect(await res.json()).toMatchObject({ generatedAt: at, weeks: 0, ratio: null, points: [] });
    const bad = await fetch(`${urlOf("/api/forecast/{locationId}")}?at=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
  });

  it("says what is wrong with working hours it cannot read", async () => {
    const res = await fetch(`${app.url}/api/insights?hours=${encodeURIComponent("Mon-Fri 18:00-08:00")}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      '"Mon-Fri 18:00-08:00" is not working hours',
    );
  });
});
