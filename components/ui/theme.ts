"use client";
import { useEffect, useState } from "react";
import { THEME_COOKIE, type ThemeChoice } from "./theme-choice";

// Light, dark, or the system's choice. The choice lives in a cookie so the server renders the right
// theme at once (no flash, no inline script for the CSP to refuse).

export type { ThemeChoice };
const EVENT = "fp-theme";

export function resolvedTheme(): "light" | "dark" {
  if (typeof document === "undefined") return "light";
  const set = document.documentElement.dataset.theme;
  if (set === "light" || set === "dark") return set;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
  document.cookie = `${THEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax`;
  window.dispatchEvent(new Event(EVENT));
}

/** The theme in force now, following the toggle and the system setting. */
export function useResolvedTheme(): "light" | "dark" {
  const [theme, setTheme] = useState<"light" | "dark">("light");
  useEffect(() => {
    const update = () => setTheme(resolvedTheme());
    update();
    const mq = window.matchMedia?.("(prefers-color-scheme: dark)");
    mq?.addEventListener("change", update);
    window.addEventListener(EVENT, update);
    return () => {
      mq?.removeEventListener("change", update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return theme;
}
