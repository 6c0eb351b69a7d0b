import "@fontsource-variable/inter";
import "leaflet/dist/leaflet.css";
// Auth styles first: the dashboard's own rules (themes included) win where both style a class.
import "./auth/_components/auth.css";
import "./globals.css";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, type ThemeChoice } from "@/components/ui/theme-choice";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { SessionBadge } from "./auth/_components/session-badge";

export const metadata: Metadata = {
  title: "Floorpulse",
  description: "Live occupancy for Cisco Spaces",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const saved = (await cookies()).get(THEME_COOKIE)?.value;
  const theme: ThemeChoice = saved === "light" || saved === "dark" ? saved : "system";
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="topbar">
          <a href="/" className="brand">
            Floorpulse
          </a>
          <nav aria-label="Sections" className="topbar__nav">
            <a href="/insights">Insights</a>
          </nav>
          <ThemeToggle initial={theme} />
          <SessionBadge />
        </header>
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="footer">
          <a href="/privacy">Privacy</a> · <a href="/status">Status</a>
        </footer>
      </body>
    </html>
  );
}
