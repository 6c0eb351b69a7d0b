import { openApiDocument } from "@/lib/insights/openapi";

/** The OpenAPI 3.1 description of the figures and history routes, generated from their zod schemas. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
