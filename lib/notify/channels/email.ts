import type { Notice } from "./notice";

// A notice as an e-mail: plain text first (every client), a small HTML part beside it.

const esc = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function emailMessage(n: Notice): { subject: string; text: string; html: string } {
  const text = [...n.lines, ...(n.link ? ["", `${n.link.text}: ${n.link.url}`] : [])].join("\n");
  const html = [
    `<h2>${esc(n.title)}</h2>`,
    ...n.lines.map((l) => `<p>${esc(l)}</p>`),
    ...(n.link ? [`<p><a href="${esc(n.link.url)}">${esc(n.link.text)}</a></p>`] : []),
  ].join("\n");
  return { subject: n.title, text: `${text}\n`, html };
}
