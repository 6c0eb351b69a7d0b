// Shared by the server layout (reads the cookie) and the browser toggle (writes it).
export type ThemeChoice = "light" | "dark" | "system";
export const THEME_COOKIE = "fp_theme";
