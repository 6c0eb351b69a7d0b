import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("debug", stream), text: () => lines.join("") };
}

describe("logs never hold credentials", () => {
  it("never holds a display link or a You are here code, in a message, a URL or any field", () => {
    const { log, text } = capture();
    const kiosk = "fpk_AbCdEf0123456789-_xyzXYZ";
    const here = "fph_cmx9di8n60002.tpjdjb.VWkL3Xj1uFDzPfpgtSgZ4_ge";
    log.info({ url: `/kiosk/${kiosk}`, nested: { deeper: { list: [`/here/${here}`] } } }, `opened /kiosk/${kiosk}`);
    log.warn(`map image refused for ?kiosk=${encodeURIComponent(kiosk)}`);
    const out = text();
    expect(out).not.toContain(kiosk.slice(4));
    expect(out).not.toContain(here.slice(4));
    expect(out).toContain("/kiosk/fpk_[redacted]");
  });

  it("redacts tokens, keys, passwords and auth headers at any depth a module logs them", () => {
    const { log, text } = capture();
    const child = log.child({ module: "auth" });
    child.info({ token: "kiosk-TOKEN-1", tenant: "t-1" }, "kiosk link used");
    child.warn({ activation: { apiKey: "KEY-2", baseUrl: "https://partners.dnaspaces.io" } }, "key refused");
    child.error(
      {
        req: {
          headers: { authorization: "Bearer BEARER-3", cookie: "fp_session=SESSION-4", "set-cookie": "x=SETCOOKIE-5" },
        },
      },
      "bad request",
    );
    child.debug(
      { form: { password: "PASSWORD-6", refreshToken: "REFRESH-7", email: "a@example.com" }, code: "TOKEN_INVALID" },
      "sign-in",
    );
    const out = text();
    for (const secret of [
      "kiosk-TOKEN-1",
      "KEY-2",
      "BEARER-3",
      "SESSION-4",
      "SETCOOKIE-5",
      "PASSWORD-6",
      "REFRESH-7",
    ]) {
      expect(out).not.toContain(secret);
    }
    // What an operator needs to follow the story stays.
    expect(out).toContain('"tenant":"t-1"');
    expect(out).toContain("https://partners.dnaspaces.io");
    expect(out).toContain("a@example.com");
    expect(out).toContain('"code":"TOKEN_INVALID"');
    expect(out.match(/\[redacted\]/g)).toHaveLength(7);
  });
});
