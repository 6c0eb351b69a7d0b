import { until } from "./poll";

export interface KioskLink {
  token: string;
  url: string;
  kiosk: { id: string };
}

/**
 * A kiosk link made the way an admin's browser makes one, sent again until the location has reached the
 * app from the stream (until then it is unknown to the app).
 */
export async function createKioskLink(
  appUrl: string,
  body: { locationId: string; label: string; rotateSec: number; theme: "dark" | "light" },
): Promise<KioskLink> {
  const res = await until(
    "a kiosk link (HTTP 201)",
    () =>
      fetch(`${appUrl}/api/kiosk-tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: appUrl },
        body: JSON.stringify(body),
      }),
    (r) => r.status === 201,
    30_000,
  );
  return (await res.json()) as KioskLink;
}
