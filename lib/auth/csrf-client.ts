// Browser side of CSRF protection: changes sent with fetch echo the fp_csrf cookie (__Host-fp_csrf over
// https) in X-CSRF-Token.
// (The demo visitor has no cookie; the server then relies on the Origin check.)
export function csrfHeaders(): Record<string, string> {
  if (typeof document === "undefined") return {};
  const m = document.cookie.match(/(?:^|;\s*)(?:__Host-)?fp_csrf=([^;]+)/);
  return m ? { "X-CSRF-Token": decodeURIComponent(m[1]!) } : {};
}
