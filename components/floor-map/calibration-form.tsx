"use client";
import { useId, useState, type FormEvent } from "react";
import { calibrationSchema, IDENTITY_CALIBRATION, type Calibration } from "@/lib/maps/calibration";
import { sendJson } from "@/components/ui/api";

const FIELDS: Array<{ key: "offsetX" | "offsetY" | "scale" | "rotation"; label: string; unit: string; step: number }> =
  [
    { key: "offsetX", label: "Move right", unit: "ft", step: 0.5 },
    { key: "offsetY", label: "Move down", unit: "ft", step: 0.5 },
    { key: "scale", label: "Scale", unit: "×", step: 0.01 },
    { key: "rotation", label: "Rotate clockwise", unit: "°", step: 0.5 },
  ];
const FLIPS: Array<{ key: "flipX" | "flipY"; label: string }> = [
  { key: "flipX", label: "Mirror left–right" },
  { key: "flipY", label: "Mirror top–bottom" },
];

/**
 * Admins line Cisco's positions up with the floor image: offset, scale, rotation and flips, previewed
 * on the map as they type and saved as data for everyone.
 */
export function CalibrationForm({
  mapId,
  saved,
  onPreview,
  onSaved,
}: {
  mapId: string;
  saved: Calibration;
  onPreview: (c: Calibration) => void;
  onSaved: (c: Calibration) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Calibration>(saved);
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  const change = (next: Calibration) => {
    setDraft(next);
    const ok = calibrationSchema.safeParse(next);
    if (ok.success) onPreview(ok.data);
    setStatus({ kind: "idle" });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = calibrationSchema.safeParse(draft);
    if (!ok.success)
      return setStatus({ kind: "error", message: "Scale must be between 0.1 and 10; offsets within ±10,000 ft." });
    setStatus({ kind: "saving" });
    const r = await sendJson<Calibration>("PUT", `/api/maps/${encodeURIComponent(mapId)}/calibration`, ok.data);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    onSaved(r.data);
    setStatus({ kind: "saved" });
  };
  return (
    <form className="calibration-form" onSubmit={submit} aria-label="Map calibration">
      <p className="hint">
        Cisco places devices in feet from the floor&apos;s top-left corner. If the dots sit off the plan, correct it
        here; the map previews each change.
      </p>
      <div className="calibration-form__grid">
        {FIELDS.map((f) => (
          <label key={f.key} htmlFor={`${id}-${f.key}`}>
            {f.label} ({f.unit})
            <input
              id={`${id}-${f.key}`}
              type="number"
              step={f.step}
              value={draft[f.key]}
              onChange={(e) => change({ ...draft, [f.key]: e.target.value === "" ? 0 : Number(e.target.value) })}
            />
          </label>
        ))}
        {FLIPS.map((f) => (
          <label key={f.key} className="check">
            <input
              type="checkbox"
              checked={draft[f.key]}
              onChange={(e) => change({ ...draft, [f.key]: e.target.checked })}
            />{" "}
            {f.label}
          </label>
        ))}
      </div>
      <div className="row">
        <button type="submit" className="button button--small" disabled={status.kind === "saving"}>
          {status.kind === "saving" ? "Saving…" : "Save calibration"}
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => change(IDENTITY_CALIBRATION)}
        >
          Reset
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => change(saved)}>
          Undo changes
        </button>
      </div>
      <p role="status">{status.kind === "saved" ? "Calibration saved." : ""}</p>
      {status.kind === "error" && (
        <p role="alert" className="error-text">
          {status.message}
        </p>
      )}
    </form>
  );
}
