import type { AppError } from "@/lib/errors";
import { errorHeaders } from "./errors";

// Small self-contained HTML pages for answers route handlers give to browsers (a refused launch, the
// OAuth login page Cisco Spaces opens). No script; inline styles only, which our CSP allows.

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
body{margin:0;font-family:"Inter Variable",system-ui,sans-serif;color:#1b2430;background:#f5f7fa}
.topbar{padding:.75rem 1.5rem;background:#0f1b2b;color:#fff;font-weight:700;font-size:1.15rem}
main{max-width:40rem;margin:3rem auto;padding:0 1.5rem}
.card{background:#fff;border:1px solid #dde3ea;border-radius:14px;padding:1.5rem 1.75rem}
h1{font-size:1.5rem;margin:0 0 .75rem}
.lead{font-size:1.05rem}
.detail{padding:.75rem 1rem;color:#c0362c;background:#fdecea;border-radius:8px}
.hint{color:#5f6b7a}
a{color:#0b5cad}
label{display:grid;gap:.3rem;margin:.9rem 0;font-weight:600}
input{font:inherit;padding:.55rem .7rem;border:1px solid #c9d2dc;border-radius:8px}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#0b5cad;color:#fff;cursor:pointer}
`;

export function htmlPage(status: number, title: string, inner: string, headers: Record<string, string> = {}): Response {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Floorpulse</title><style>${STYLE}</style></head>
<body><header class="topbar">Floorpulse</header><main>${inner}</main></body></html>`;
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export interface MessagePage {
  status: number;
  title: string;
  lead: string;
  detail?: string;
  hint?: string;
  links?: { href: string; text: string }[];
  /** e.g. Retry-After on a 429. */
  headers?: Record<string, string>;
}

export function messagePage(p: MessagePage): Response {
  const links = (p.links ?? []).map((l) => `<a href="${esc(l.href)}">${esc(l.text)}</a>`).join(" · ");
  return htmlPage(
    p.status,
    p.title,
    `<div class="card" role="alert">
<h1>${esc(p.title)}</h1>
<p class="lead">${esc(p.lead)}</p>
${p.detail ? `<p class="detail">${esc(p.detail)}</p>` : ""}
${p.hint ? `<p class="hint">${esc(p.hint)}</p>` : ""}
${links ? `<p>${links}</p>` : ""}
</div>`,
    p.headers,
  );
}

/** An AppError as a page for a browser: its status (unless given), its message, and Retry-After when rate-limited. */
export function errorPage(
  e: AppError,
  p: Omit<MessagePage, "status" | "headers" | "lead"> & { status?: number; lead?: string },
): Response {
  return messagePage({
    ...p,
    status: p.status ?? e.status,
    lead: p.lead ?? e.message,
    detail: p.lead ? (p.detail ?? e.message) : p.detail,
    headers: errorHeaders(e),
  });
}
