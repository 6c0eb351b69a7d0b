import { z } from "zod";
import { historyQuerySchema, historySchema } from "@/lib/history/schema";
import { forecastQuerySchema, forecastSchema, insightsQuerySchema, insightsSchema } from "./schema";

// /api/openapi.json, generated from the zod schemas the routes validate with: a customer's BI tool
// reads the figures and history from the same definitions the app itself checks.

export interface ApiRoute {
  path: string;
  /** Name of its response schema under components.schemas. */
  component: string;
  summary: string;
  description: string;
  pathParams?: Record<string, string>;
  query: z.ZodObject;
  response: z.ZodType;
  /** Other answers than JSON (the history's CSV). */
  alsoCsv?: boolean;
}

export const API_ROUTES: ApiRoute[] = [
  {
    path: "/api/insights",
    component: "Insights",
    summary: "Utilization figures and right-sizing suggestions",
    description:
      'Per location in scope: average and peak occupancy, utilization (average ÷ capacity), time used, time full and data coverage over working hours on each building\'s clock; a weekday × hour heat grid; and right-sizing suggestions with their evidence (README "Insights").',
    query: insightsQuerySchema,
    response: insightsSchema,
  },
  {
    path: "/api/history/{locationId}",
    component: "History",
    summary: "Occupancy history of one location",
    description:
      "Binned minute rollups per series with peak and average, the typical same weekday (day range) and data gaps; format=csv gives the same table as CSV.",
    pathParams: { locationId: "Cisco Spaces location id" },
    query: historyQuerySchema,
    response: historySchema,
    alsoCsv: true,
  },
  {
    path: "/api/forecast/{locationId}",
    component: "Forecast",
    summary: "Expected occupancy for the rest of today",
    description:
      "The typical same-weekday curve of the previous eight weeks on the building's clock, scaled by how today ran against it over the last two hours (fading back to typical further ahead), with an 80 % interval from the weeks' spread.",
    pathParams: { locationId: "Cisco Spaces location id" },
    query: forecastQuerySchema,
    response: forecastSchema,
  },
];

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const json = (schema: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;

function parameters(r: ApiRoute) {
  const path = Object.entries(r.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: "path",
    required: true,
    description,
    schema: { type: "string" },
  }));
  const query = Object.entries(r.query.shape).map(([name, field]) => {
    const { description, ...rest } = stripSchemaKey(json(field as z.ZodType, "input"));
    return {
      name,
      in: "query",
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
  return [...path, ...query];
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Floorpulse API",
      version: "1.0.0",
      description:
        "Occupancy figures and history from Cisco Spaces data. Authenticate with the session cookie of a signed-in admin or viewer.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths: Object.fromEntries(
      API_ROUTES.map((r) => [
        r.path,
        {
          get: {
            summary: r.summary,
            description: r.description,
            parameters: parameters(r),
            responses: {
              "200": {
                description: "OK",
                content: {
                  "application/json": { schema: { $ref: `#/components/schemas/${r.component}` } },
                  ...(r.alsoCsv ? { "text/csv": { schema: { type: "string" } } } : {}),
                },
              },
              "400": errorResponse("The query is invalid; the message says which field and why."),
              "401": errorResponse("Not signed in."),
              "403": errorResponse("Signed in without the role or account this needs."),
              "404": errorResponse("No such location in your account."),
            },
          },
        },
      ]),
    ),
    components: {
      schemas: {
        ...Object.fromEntries(API_ROUTES.map((r) => [r.component, stripSchemaKey(json(r.response))])),
        Error: stripSchemaKey(json(errorSchema)),
      },
    },
  };
}

/** Component schemas live inside the document: their own $schema line does not belong there. */
function stripSchemaKey(s: Record<string, unknown>) {
  const { $schema: _, ...rest } = s;
  return rest;
}
