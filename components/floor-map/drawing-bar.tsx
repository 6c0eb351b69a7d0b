"use client";
import { useEffect, useState } from "react";
import { formatPolygonText, parsePolygonText, type Polygon } from "@/lib/maps/polygon";

interface Props {
  zoneName: string;
  draft: Polygon;
  saving: boolean;
  error: string | null;
  onUndo(): void;
  onCancel(): void;
  onFinish(p: Polygon): void;
}

/**
 * While an outline is drawn: how many corners, undo, finish and cancel (also Backspace, Enter and
 * Escape), and the same outline as text for those who prefer typing feet to clicking.
 */
export function DrawingBar({ zoneName, draft, saving, error, onUndo, onCancel, onFinish }: Props) {
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT")) return;
      if (e.key === "Escape") onCancel();
      else if (e.key === "Backspace") {
        e.preventDefault();
        onUndo();
      } else if (e.key === "Enter" && draft.length >= 3) onFinish(draft);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [draft, onCancel, onUndo, onFinish]);
  return (
    <div className="drawing-bar" role="region" aria-label={`Drawing the outline of ${zoneName}`}>
      <p role="status">
        <strong>Outline of {zoneName}:</strong> click the map to add corners ({draft.length} so far
        {draft.length < 3 ? `, ${3 - draft.length} more needed` : ""}). Enter finishes, Backspace removes the last
        corner, Escape cancels.
      </p>
      <div className="row">
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={onUndo}
          disabled={draft.length === 0}
        >
          Undo last corner
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => onFinish(draft)}
          disabled={draft.length < 3 || saving}
        >
          {saving ? "Saving…" : "Finish outline"}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <details>
        <summary>Type the corners instead</summary>
        <label>
          Corners in feet from the top-left, as x,y pairs separated by semicolons
          <textarea
            rows={2}
            value={text}
            placeholder={draft.length ? formatPolygonText(draft) : "8,8; 112,8; 112,68; 8,68"}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const r = parsePolygonText(text);
            if (!r.ok) return setTextError(r.error);
            setTextError(null);
            onFinish(r.polygon);
          }}
        >
          Save typed outline
        </button>
        {textError && (
          <p role="alert" className="error-text">
            {textError}
          </p>
        )}
      </details>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
