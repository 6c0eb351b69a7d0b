"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { csrfHeaders } from "@/lib/auth/csrf-client";

interface Kiosk {
  id: string;
  label: string;
  locationId: string;
  theme: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Create and revoke read-only display links; a new link is shown once. */
export function KioskAdmin({ kiosks, locations }: { kiosks: Kiosk[]; locations: { id: string; name: string }[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => locations.find((l) => l.id === id)?.name ?? id;

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    const res = await fetch("/api/kiosk-tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...csrfHeaders() },
      body: JSON.stringify({ locationId: f.get("locationId"), label: f.get("label"), theme: f.get("theme") }),
    });
    const json = (await res.json().catch(() => null)) as { url?: string; error?: { message: string } } | null;
    if (res.ok && json?.url) {
      setCreated(json.url);
      router.refresh();
    } else setError(json?.error?.message ?? `HTTP ${res.status}`);
  }

  async function revoke(id: string) {
    setError(null);
    const res = await fetch(`/api/kiosk-tokens/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: csrfHeaders(),
    });
    if (res.ok) router.refresh();
    else
      setError(
        ((await res.json().catch(() => null)) as { error?: { message: string } } | null)?.error?.message ??
          `HTTP ${res.status}`,
      );
  }

  return (
    <>
      <form className="auth-form" onSubmit={create} aria-label="New kiosk link">
        <label>
          Location
          <select name="locationId" required>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Label
          <input name="label" required maxLength={80} placeholder="Lobby screen" />
        </label>
        <label>
          Theme
          <select name="theme" defaultValue="dark">
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <button type="submit" className="button">
          Create link
        </button>
      </form>
      {created && (
        <div className="outcome outcome--ok" role="status">
          <h2>Kiosk link created</h2>
          <p>Open it on the display. It is shown only now:</p>
          <p className="mono">{created}</p>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Label</th>
            <th>Location</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {kiosks.map((k) => (
            <tr key={k.id}>
              <td>{k.label}</td>
              <td>{nameOf(k.locationId)}</td>
              <td>{k.createdAt.slice(0, 16).replace("T", " ")}</td>
              <td>
                {k.revokedAt ? (
                  "Revoked"
                ) : (
                  <button type="button" className="button button--quiet" onClick={() => void revoke(k.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
