"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import { DEFAULT_TARGET_SHARE } from "@/lib/alerts/level";
import type { LocationSettings } from "@/lib/store/location-settings";
import { sendJson } from "@/components/ui/api";

const parse = (v: string): number | null | "bad" => {
  if (v.trim() === "") return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : "bad";
};

/** Admins set a location's maximum and comfortable target; the colours and alerts follow at once. */
export function CapacityForm({
  locationId,
  name,
  settings,
  onSaved,
}: {
  locationId: string;
  name: string;
  settings: LocationSettings;
  onSaved: (s: LocationSettings) => void;
}) {
  const id = useId();
  const [max, setMax] = useState(settings.capacity?.toString() ?? "");
  const [target, setTarget] = useState(settings.targetCapacity?.toString() ?? "");
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  useEffect(() => {
    setMax(settings.capacity?.toString() ?? "");
    setTarget(settings.targetCapacity?.toString() ?? "");
  }, [settings.capacity, settings.targetCapacity]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const capacity = parse(max);
    const targetCapacity = parse(target);
    if (capacity === "bad" || targetCapacity === "bad")
      return setState({ kind: "error", message: "Use whole numbers from 1 to 1,000,000, or leave a field empty." });
    if (capacity !== null && targetCapacity !== null && targetCapacity > capacity)
      return setState({ kind: "error", message: "The target cannot be above the maximum." });
    setState({ kind: "saving" });
    const r = await sendJson<LocationSettings & { id: string }>(
      "PUT",
      `/api/locations/${encodeURIComponent(locationId)}`,
      { capacity, targetCapacity },
    );
    if (!r.ok) return setState({ kind: "error", message: r.message });
    onSaved({ capacity: r.data.capacity, targetCapacity: r.data.targetCapacity, polygon: r.data.polygon });
    setState({ kind: "saved" });
  };

  const cap = parse(max);
  return (
    <form className="capacity-form" onSubmit={submit} aria-label={`Capacity of ${name}`}>
      <div className="capacity-form__fields">
        <SeatsField form={id} field="max" label="Maximum" name="capacity" value={max} onChange={setMax} />
        <SeatsField
          form={id}
          field="target"
          label="Target"
          name="targetCapacity"
          value={target}
          onChange={setTarget}
          placeholder={typeof cap === "number" ? String(Math.round(cap * DEFAULT_TARGET_SHARE)) : ""}
        />
        <button type="submit" className="button button--small" disabled={state.kind === "saving"}>
          {state.kind === "saving" ? "Saving…" : "Save"}
        </button>
      </div>
      <p id={`${id}-help`} className="hint">
        Busy (amber) from the target, full (red) at the maximum. An empty target means {DEFAULT_TARGET_SHARE * 100}% of
        the maximum.
      </p>
      <p role="status" className="capacity-form__status">
        {state.kind === "saved" && "Saved."}
      </p>
      {state.kind === "error" && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
    </form>
  );
}

/** A whole number of seats, with its label; `form` is the form's id, which its help text is named after. */
function SeatsField(p: {
  form: string;
  field: string;
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const id = `${p.form}-${p.field}`;
  return (
    <label htmlFor={id}>
      {p.label}
      <input
        id={id}
        name={p.name}
        type="number"
        inputMode="numeric"
        min={1}
        max={1_000_000}
        step={1}
        value={p.value}
        placeholder={p.placeholder}
        onChange={(e) => p.onChange(e.target.value)}
        aria-describedby={`${p.form}-help`}
      />
    </label>
  );
}
