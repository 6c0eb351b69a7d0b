import "@fontsource-variable/inter";
import "leaflet/dist/leaflet.css";
import "./globals.css";
import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Floorpulse",
  description: "Live occupancy for Cisco Spaces",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">
            Floorpulse
          </a>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
