import { escapeHtml } from "./http";

// The app-tile launch as a browser performs it: Cisco Spaces opens a page that POSTs token, version
// and appId to the partner's App Dashboard URL. A page can only POST a form (urlencoded), which is
// what a browser delivers.

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

export function launchPage(dashboardUrl: string, fields: { token: string; version: string; appId: string }): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
    .join("\n      ");
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Opening the app…</title></head>
  <body>
    <p>Opening the app from Cisco Spaces (simulated)…</p>
    <form id="launch" method="POST" action="${escapeHtml(dashboardUrl)}">
      ${inputs}
      <noscript><button type="submit">Open the app</button></noscript>
    </form>
    <script>document.getElementById("launch").submit();</script>
  </body>
</html>
`;
}
