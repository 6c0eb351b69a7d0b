import { describe, expect, it } from "vitest";
import { clearedSessionCookies, parseCookies, sessionCookies, sessionTokenFrom } from "@/lib/auth/cookies";

describe("session cookies", () => {
  it("keep the session away from scripts and other sites, and are Secure behind https", () => {
    const [session, csrf] = sessionCookies("tok", "csrf", { secure: false, maxAgeSec: 3600 });
    expect(session).toBe("fp_session=tok; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600");
    expect(csrf).toBe("fp_csrf=csrf; SameSite=Strict; Path=/; Max-Age=3600");
    expect(sessionCookies("tok", "csrf", { secure: true, maxAgeSec: 60 }).every((c) => c.endsWith("; Secure"))).toBe(
      true,
    );
    // Over https the names carry __Host-: Secure, Path=/ and no Domain, so no subdomain can plant one.
    expect(
      sessionCookies("tok", "csrf", { secure: true, maxAgeSec: 60 }).every(
        (c) => c.startsWith("__Host-fp_") && c.includes("Path=/") && !/domain=/i.test(c),
      ),
    ).toBe(true);
  });

  it("over https, believes only the __Host- session cookie", () => {
    expect(sessionTokenFrom({ "__Host-fp_session": "a" }, true)).toBe("a");
    expect(sessionTokenFrom({ fp_session: "planted" }, true)).toBeUndefined();
    expect(sessionTokenFrom({ fp_session: "planted", "__Host-fp_session": "a" }, true)).toBe("a");
    expect(sessionTokenFrom({ fp_session: "a" }, false)).toBe("a");
    expect(clearedSessionCookies(false).every((c) => c.includes("Max-Age=0"))).toBe(true);
  });

  it("reads the cookie header a browser sends; a name sent twice or malformed is no cookie at all", () => {
    expect(parseCookies("fp_session=a%20b; theme=dark; bad=%E0%A4%A")).toEqual({ fp_session: "a b", theme: "dark" });
    // A planted second cookie of the same name, before or after ours: neither copy is believed.
    expect(parseCookies("fp_session=a%20b; theme=dark; fp_session=evil")).toEqual({ theme: "dark" });
    expect(parseCookies("fp_session=evil; fp_session=a%20b; fp_session=x")).toEqual({});
    expect(parseCookies("bad=%E0%A4%A; bad=fine")).toEqual({});
    expect(parseCookies(null)).toEqual({});
  });
});
