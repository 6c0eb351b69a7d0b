import { errorResponse } from "./errors";

// Every API route handler has the same shape: parse, authorize, one call, respond. `route` awaits the
// dynamic segment and renders whatever the handler throws, once, through errorResponse.

export interface RouteContext<P> {
  params: Promise<P>;
}

export function route<P = Record<string, never>>(
  handler: (req: Request, params: P) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await handler(req, await ctx.params);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
