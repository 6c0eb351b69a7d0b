"use client";
import { useEffect, useState, type FormEvent } from "react";
import { csrfHeaders } from "@/lib/auth/csrf-client";
import { macPatternProblem, normaliseMacPattern } from "@/lib/privacy/mac-filters";

type Loaded =
  { state: "loading" } | { state: "error"; message: string } | { state: "ready"; list: string[]; account: string };
type ApiAnswer = { macFilter?: string[]; account?: string; error?: { code: string; message: string } };

async function call(
  method: "GET" | "PUT",
  body?: unknown,
): Promise<{ ok: true; list: string[]; account: string } | { ok: false; message: string }> {
  try {
    const res = await fetch("/api/excluded-devices", {
      method,
      headers: method === "PUT" ? { "Content-Type": "application/json", ...csrfHeaders() } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json = (await res.json().catch(() => null)) as ApiAnswer | null;
    if (res.ok && json?.macFilter) return { ok: true, list: json.macFilter, account: json.account ?? "" };
    return { ok: false, message: json?.error?.message ?? `Floorpulse answered HTTP ${res.status}.` };
  } catch {
    return { ok: false, message: "Floorpulse did not answer. Check your connection and try again." };
  }
}

/** Add and remove entries; every change is saved to Cisco Spaces at once and the list shown is Cisco's answer. */
export function ExcludedDevicesEditor() {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [draft, setDraft] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const load = async () => {
    setLoaded({ state: "loading" });
    const r = await call("GET");
    setLoaded(r.ok ? { state: "ready", list: r.list, account: r.account } : { state: "error", message: r.message });
  };
  useEffect(() => {
    void load();
  }, []);

  async function save(list: string[], what: string) {
    setSaving(true);
    setSaved(null);
    const r = await call("PUT", { macFilter: list });
    setSaving(false);
    if (!r.ok) return (setProblems([r.message]), false);
    setLoaded({ state: "ready", list: r.list, account: r.account });
    setSaved(what);
    return true;
  }

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (loaded.state !== "ready") return;
    const entries = draft.split(/[\s,;]+/).filter(Boolean);
    const found = entries.map(macPatternProblem).filter((p): p is string => p !== null);
    setProblems(found);
    if (found.length || !entries.length) return;
    const fresh = entries.map(normaliseMacPattern).filter((p) => !loaded.list.includes(p));
    if (!fresh.length) return setProblems(["Already on the list."]);
    if (await save([...loaded.list, ...fresh], `Added ${fresh.length} ${fresh.length === 1 ? "entry" : "entries"}.`))
      setDraft("");
  }

  if (loaded.state === "loading") return <p role="status">Loading the list from Cisco Spaces…</p>;
  if (loaded.state === "error") {
    return (
      <div className="outcome outcome--error" role="alert">
        <h2>The list could not be read</h2>
        <p>{loaded.message}</p>
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  const list = loaded.list;
  return (
    <>
      <form className="auth-form" onSubmit={add} aria-label="Exclude devices">
        <label>
          MAC addresses or patterns
          <textarea
            name="entries"
            rows={3}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={"aa:bb:cc:dd:ee:ff\n00:1b:a9:*"}
            spellCheck={false}
            className="mono"
          />
        </label>
        {problems.length > 0 && (
          <ul className="outcome outcome--error" role="alert" aria-label="Problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <button type="submit" className="button" disabled={saving}>
          {saving ? "Saving…" : "Exclude"}
        </button>
      </form>
      {saved && (
        <p className="outcome outcome--ok" role="status">
          {saved} Saved at Cisco Spaces{loaded.account ? ` for ${loaded.account}` : ""}.
        </p>
      )}
      <h2 style={{ marginTop: "1.5rem" }}>On the list ({list.length})</h2>
      {list.length === 0 ? (
        <p>No device is excluded yet.</p>
      ) : (
        <table className="table" aria-label="Excluded devices">
          <tbody>
            {list.map((p) => (
              <tr key={p}>
                <td className="mono" style={{ verticalAlign: "middle" }}>
                  {p}
                </td>
                <td style={{ textAlign: "right", verticalAlign: "middle" }}>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    disabled={saving}
                    onClick={() =>
                      void save(
                        list.filter((x) => x !== p),
                        `Removed ${p}.`,
                      )
                    }
                    aria-label={`Remove ${p}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
