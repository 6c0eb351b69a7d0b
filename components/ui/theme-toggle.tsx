"use client";
import { useEffect, useState } from "react";
import { applyTheme } from "./theme";
import type { ThemeChoice } from "./theme-choice";
import { Icon } from "./icon";

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/** Theme switch in the top bar: a small labelled select, reachable and operable by keyboard. */
export function ThemeToggle({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState<ThemeChoice>(initial);
  useEffect(() => setChoice(initial), [initial]);
  return (
    <label className="theme-toggle">
      <span className="visually-hidden">Theme</span>
      <Icon>
        <circle cx="12" cy="12" r="8" />
        <path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" />
      </Icon>
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          applyTheme(next);
        }}
      >
        {(Object.keys(LABELS) as ThemeChoice[]).map((c) => (
          <option key={c} value={c}>
            {LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
