import type { IncomingMessage, ServerResponse } from "node:http";

// Small HTTP helpers: JSON and form bodies, JSON answers, typed route params.

export type Json = Record<string, unknown>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === "object" && body && "message" in body ? String((body as Json).message) : `HTTP ${status}`);
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    ...headers,
  });
  res.end(html);
}

const LIMIT = 256 * 1024;

export async function readBytes(req: IncomingMessage, limit = LIMIT): Promise<Buffer> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new HttpError(413, { status: false, message: "Payload Too Large" });
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readText(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString();
}

/** The body as JSON; `undefined` for an empty body, `null` when it is not valid JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A JSON object body, or {} (for admin routes where every field is optional). */
export async function readObject(req: IncomingMessage): Promise<Json> {
  const v = await readJson(req);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, params: string[]) => Promise<void> | void;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export function route(method: string, path: string, handler: Handler): Route {
  // ":name" segments capture one path segment each.
  const pattern = new RegExp(`^${path.replace(/:[A-Za-z]+/g, "([^/]+)")}$`);
  return { method, pattern, handler };
}

export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const r of routes) {
    const m = path.match(r.pattern);
    if (!m) continue;
    if (r.method === method || (method === "HEAD" && r.method === "GET"))
      return { route: r, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    allowed.push(r.method);
  }
  return allowed.length ? { allowed } : null;
}
