"use client";
import { useState, type FormEvent } from "react";

export interface Kiosk {
  id: string;
  label: string;
  locationId: string;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface RowActions {
  setExpiry(id: string, expiresAt: string | null): Promise<boolean>;
  rotate(id: string): Promise<void>;
  revoke(id: string): Promise<void>;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The link's state as the display sees it now. */
export function kioskState(k: Kiosk, now: number): "active" | "expired" | "revoked" {
  if (k.revokedAt) return "revoked";
  return k.expiresAt && Date.parse(k.expiresAt) <= now ? "expired" : "active";
}

/** One kiosk link: its state, and (unless revoked) its expiry, rotation and revocation. */
export function KioskRow({ k, place, now, actions }: { k: Kiosk; place: string; now: number; actions: RowActions }) {
  const [busy, setBusy] = useState(false);
  const state = kioskState(k, now);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  async function submitExpiry(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const day = new FormData(e.currentTarget).get("expiresOn");
    if (typeof day !== "string" || !day) return;
    // The end of that day where the admin is: the link works through the date they picked.
    await run(() => actions.setExpiry(k.id, new Date(`${day}T23:59:59`).toISOString()));
  }
  return (
    <tr data-testid="kiosk-row" data-state={state}>
      <th scope="row">{k.label}</th>
      <td>{place}</td>
      <td>{utc(k.createdAt)}</td>
      <td>
        {state === "revoked" ? "Revoked" : state === "expired" ? "Expired" : "Active"}
        <br />
        <small>
          {k.revokedAt
            ? `since ${utc(k.revokedAt)}`
            : k.expiresAt
              ? `${state === "expired" ? "since" : "until"} ${utc(k.expiresAt)}`
              : "no expiry"}
        </small>
      </td>
      <td>
        {state !== "revoked" && (
          <div className="kiosk-actions" aria-busy={busy}>
            <form onSubmit={submitExpiry} aria-label={`Expiry of ${k.label}`}>
              <label>
                Expires on
                <input type="date" name="expiresOn" required min={new Date(now).toISOString().slice(0, 10)} />
              </label>
              <button type="submit" className="button button--quiet" disabled={busy}>
                Set expiry
              </button>
              {k.expiresAt && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy}
                  onClick={() => void run(() => actions.setExpiry(k.id, null))}
                >
                  Clear expiry
                </button>
              )}
            </form>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              aria-label={`Rotate ${k.label}: a new link, this one stops working`}
              onClick={() => void run(() => actions.rotate(k.id))}
            >
              Rotate
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              aria-label={`Revoke ${k.label}`}
              onClick={() => void run(() => actions.revoke(k.id))}
            >
              Revoke
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
