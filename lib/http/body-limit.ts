import type { IncomingMessage, ServerResponse } from "node:http";

// Every request body is capped before anything buffers it. Next.js reads bodies whole (its proxy
// step clones up to 10 MB), so the limit lives in the custom server, in front of Next: a declared
// Content-Length over it is refused at once without reading a byte; a chunked or lying body is
// counted as the HTTP parser hands it over and refused the moment it passes the limit. A body within
// the limit waits, complete, in the request's own buffer until Next reads it.

/** Largest body any route accepts; the routes' own limits (16 KiB) are smaller. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

const hasBody = (req: IncomingMessage) =>
  req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

function refuse(req: IncomingMessage, res: ServerResponse, limit: number) {
  if (res.headersSent) return void req.socket.destroy();
  const body = JSON.stringify({
    error: { code: "PAYLOAD_TOO_LARGE", message: `The request body is larger than ${limit} bytes.` },
  });
  // Connection: close, and the rest of the body is never read: the socket goes once the answer is out.
  res.writeHead(413, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
    "Cache-Control": "no-store",
  });
  res.end(body, () => req.socket.destroySoon());
}

/**
 * Waits until the body of `req` has arrived whole and within `limit` bytes (true: hand the request on),
 * or answers 413 (false). Nothing is consumed: the parser's pushes into the request are counted on the way.
 */
export function bufferBodyWithinLimit(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_REQUEST_BODY_BYTES,
): Promise<boolean> {
  if (!hasBody(req)) return Promise.resolve(true);
  const declared = Number(req.headers["content-length"]);
  if ((Number.isFinite(declared) && declared > limit) || req.readableLength > limit) {
    refuse(req, res, limit);
    return Promise.resolve(false);
  }
  if (req.complete) return Promise.resolve(true); // already here whole, and within the limit
  return new Promise((resolve) => {
    let size = req.readableLength;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (ok) req.push = push;
      req.off("close", onClose);
      resolve(ok);
    };
    const onClose = () => settle(false); // the client went away before the body was complete
    const push = req.push.bind(req);
    // The HTTP parser feeds the body through req.push(chunk) and ends it with req.push(null).
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === null) {
        const r = push(null);
        settle(true);
        return r;
      }
      if (settled) return true; // refused: the rest is read and dropped until the socket closes, so the 413 is not lost to a reset
      size += (chunk as Buffer).length;
      if (size > limit) {
        settle(false);
        refuse(req, res, limit);
        return true;
      }
      push(chunk, encoding);
      return true; // at most `limit` bytes wait in memory, so no back-pressure is needed
    };
    req.on("close", onClose);
  });
}
