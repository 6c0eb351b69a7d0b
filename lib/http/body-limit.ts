import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

// Every request body is capped before anything buffers it. Next.js reads bodies whole (its proxy
// step clones up to 10 MB), so the limit lives in the custom server, in front of Next: a declared
// Content-Length over it is refused at once without reading a byte; a chunked or lying body is
// counted as it arrives and refused the moment it passes the limit. What passes is at most `limit`
// bytes in memory, handed on to Next as the request body.

/** Largest body any route accepts; the routes' own limits (16 KiB) are smaller. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

const hasBody = (req: IncomingMessage) => req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

function refuse(req: IncomingMessage, res: ServerResponse, limit: number) {
  if (res.headersSent) return void req.socket.destroy();
  const body = JSON.stringify({ error: { code: "PAYLOAD_TOO_LARGE", message: `The request body is larger than ${limit} bytes.` } });
  // Connection: close, and the rest of the body is never read: the socket goes once the answer is out.
  res.writeHead(413, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close", "Cache-Control": "no-store" });
  res.end(body, () => req.socket.destroySoon?.());
}

/**
 * Reads the body of `req` up to `limit` bytes. Resolves true when the request may go on (its body now
 * replayed from memory), false once it has been answered with 413 or the client went away.
 */
export function bufferBodyWithinLimit(req: IncomingMessage, res: ServerResponse, limit = MAX_REQUEST_BODY_BYTES): Promise<boolean> {
  if (!hasBody(req)) return Promise.resolve(true);
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    refuse(req, res, limit);
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve(ok);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        refuse(req, res, limit);
        return finish(false);
      }
      chunks.push(c);
    };
    const onEnd = () => {
      replayBody(req, Buffer.concat(chunks, size));
      finish(true);
    };
    const onError = () => finish(false);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * Makes `req` readable again with `body` (the same swap Next.js does after cloning a body for its
 * proxy step): the stream state and methods of a fresh Readable replace the consumed ones.
 */
function replayBody(req: IncomingMessage, body: Buffer) {
  const replay = new Readable({ read() {} });
  if (body.length) replay.push(body);
  replay.push(null);
  const target = req as unknown as Record<string, unknown>;
  for (const key in replay) {
    // Listeners already on `req` (the HTTP server's own) stay; only the stream part is swapped.
    if (key === "_events" || key === "_eventsCount" || key === "_maxListeners") continue;
    const v = (replay as unknown as Record<string, unknown>)[key];
    target[key] = typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(req) : v;
  }
}
