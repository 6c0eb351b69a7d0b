"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { csrfHeaders } from "@/lib/auth/csrf-client";
import { OUTCOME_HINTS, OUTCOME_TITLES } from "./outcomes";

type Kind = "single-tenant" | "on-prem";
const KINDS: [Kind, string][] = [
  ["single-tenant", "Single-tenant cloud"],
  ["on-prem", "On-prem"],
];

type Outcome =
  { ok: true; tenantName: string; baseUrl: string; kind: string } | { ok: false; code: string; message: string };

/** The activation wizard: paste Cisco's token, choose the app type, activate, read the outcome. */
export function ActivationForm({ defaultLaunchUrl }: { defaultLaunchUrl: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("single-tenant");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (n: string) => String(form.get(n) ?? "").trim();
    const body = {
      activationToken: field("activationToken"),
      kind,
      ...(kind === "single-tenant" && field("appLaunchUrl") ? { appLaunchUrl: field("appLaunchUrl") } : {}),
      ...(kind === "on-prem" && field("instanceName") ? { instanceName: field("instanceName") } : {}),
    };
    setPending(true);
    setOutcome(null);
    try {
      const res = await fetch("/api/setup/activate", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...csrfHeaders() },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => null)) as {
        activation?: { tenantName: string; baseUrl: string; kind: string };
        error?: { code: string; message: string };
      } | null;
      if (res.ok && json?.activation) {
        setOutcome({ ok: true, ...json.activation });
        router.refresh(); // the list of connected accounts above
      } else
        setOutcome({
          ok: false,
          code: json?.error?.code ?? "UNKNOWN",
          message: json?.error?.message ?? `The server answered HTTP ${res.status}.`,
        });
    } catch {
      setOutcome({
        ok: false,
        code: "NETWORK",
        message: "Floorpulse did not answer. Check your connection and try again.",
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={submit} aria-label="Activate Floorpulse">
      <fieldset>
        <legend className="hint">App type in Cisco Spaces</legend>
        {KINDS.map(([value, text]) => (
          <label key={value}>
            <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            {text}
          </label>
        ))}
      </fieldset>
      <label>
        Activation token
        <textarea
          name="activationToken"
          required
          placeholder="eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9…"
          spellCheck={false}
        />
        <span className="hint">From Cisco Spaces: App Activation → Generate App Activation Token → Copy Token.</span>
      </label>
      {kind === "single-tenant" ? (
        <label>
          App Launch URL
          <input name="appLaunchUrl" type="url" defaultValue={defaultLaunchUrl} />
          <span className="hint">Where the Cisco Spaces app tile opens Floorpulse (https).</span>
        </label>
      ) : (
        <label>
          Instance name (optional)
          <input name="instanceName" type="text" maxLength={100} placeholder="HQ London" />
          <span className="hint">How this installation is named in Cisco Spaces, for example its site.</span>
        </label>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Activating…" : "Activate"}
      </button>
      {outcome && <OutcomeView outcome={outcome} />}
    </form>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.ok) {
    return (
      <div className="outcome outcome--ok" role="status" data-testid="setup-outcome">
        <h2>Activated</h2>
        <p>
          Floorpulse is connected to <strong>{outcome.tenantName}</strong> through {outcome.baseUrl} ({outcome.kind}).
          Live data starts streaming within seconds.
        </p>
        <p>
          <Link href="/">Open the dashboard</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="outcome outcome--error" role="alert" data-testid="setup-outcome">
      <h2>{OUTCOME_TITLES[outcome.code] ?? "Activation failed"}</h2>
      <p>{outcome.message}</p>
      {OUTCOME_HINTS[outcome.code] && <p className="hint">{OUTCOME_HINTS[outcome.code]}</p>}
    </div>
  );
}
