"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { call } from "./api";
import { KioskRow, type Kiosk, type RowActions } from "./kiosk-row";
import { NewLink } from "./new-link";

type Made = { url: string };

/** Create, expire, rotate and revoke read-only display links; a new link (and its QR code) is shown once. */
export function KioskAdmin({
  kiosks,
  locations,
  now,
}: {
  kiosks: Kiosk[];
  locations: { id: string; name: string }[];
  /** The server's clock when the page was made (states and the earliest expiry date). */
  now: number;
}) {
  const router = useRouter();
  const [made, setMade] = useState<{ title: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nameOf = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  const labelOf = (id: string) => kiosks.find((k) => k.id === id)?.label ?? "the link";

  const done = (message: string | null) => {
    setError(null);
    setNotice(message);
    router.refresh();
  };

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const days = Number(f.get("expiresInDays") || 0);
    const r = await call<Made>("POST", "/api/kiosk-tokens", {
      locationId: f.get("locationId"),
      label: f.get("label"),
      theme: f.get("theme"),
      ...(days ? { expiresInDays: days } : {}),
    });
    if (!r.ok) return setError(r.error);
    setMade({ title: "Kiosk link created", url: r.data.url });
    form.reset();
    done(null);
  }

  const actions: RowActions = {
    async setExpiry(id, expiresAt) {
      const r = await call("PATCH", `/api/kiosk-tokens/${encodeURIComponent(id)}`, { expiresAt });
      if (!r.ok) {
        setError(r.error);
        return false;
      }
      done(expiresAt ? `${labelOf(id)} now expires.` : `${labelOf(id)} no longer expires.`);
      return true;
    },
    async rotate(id) {
      const r = await call<Made>("POST", `/api/kiosk-tokens/${encodeURIComponent(id)}/rotate`);
      if (!r.ok) return setError(r.error);
      setMade({ title: `New link for ${labelOf(id)}: the old one stopped working`, url: r.data.url });
      done(null);
    },
    async revoke(id) {
      const r = await call("DELETE", `/api/kiosk-tokens/${encodeURIComponent(id)}`);
      if (!r.ok) return setError(r.error);
      done(`${labelOf(id)} is revoked: its display says so within seconds.`);
    },
  };

  return (
    <>
      {locations.length ? (
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
          <label>
            Expires after (days, empty: until revoked)
            <input name="expiresInDays" type="number" min={1} max={3650} inputMode="numeric" />
          </label>
          <button type="submit" className="button">
            Create link
          </button>
        </form>
      ) : (
        <p className="notice" role="status">
          No locations yet: they appear once Cisco Spaces has reported them. Then a link can show one.
        </p>
      )}
      {made && <NewLink title={made.title} url={made.url} onDone={() => setMade(null)} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && !error && <p role="status">{notice}</p>}
      {kiosks.length ? (
        <table className="table" aria-label="Kiosk links">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Location</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {kiosks.map((k) => (
              <KioskRow key={k.id} k={k} place={nameOf(k.locationId)} now={now} actions={actions} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty" data-testid="no-kiosks">
          No kiosk links yet. Create one above for each screen.
        </p>
      )}
    </>
  );
}
