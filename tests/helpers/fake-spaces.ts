import type { KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSpaces {
  url: string;
  /** Every request path it received. */
  hits: string[];
  keys: Map<string, KeyObject>;
  close(): Promise<void>;
}

/** A stand-in for a Cisco Spaces host that serves partnerPublicKey/:version and counts requests. */
export async function startFakeSpaces(keys: Map<string, KeyObject> = new Map()): Promise<FakeSpaces> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const m = (req.url ?? "").match(/^\/client\/v1\/partner\/partnerPublicKey\/([^/?]+)$/);
    const key = m ? keys.get(decodeURIComponent(m[1]!)) : undefined;
    res.setHeader("Content-Type", "application/json");
    if (!key) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ status: false, message: "Partner key not found", data: null }));
    }
    const publicKey = key.export({ type: "spki", format: "der" }).toString("base64");
    res.end(
      JSON.stringify({
        status: true,
        message: "Successfully fetched partner key.",
        data: { version: m![1], publicKey },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    keys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
