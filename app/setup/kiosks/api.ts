import { csrfHeaders } from "@/lib/auth/csrf-client";

// The kiosk link API as the admin page calls it: the answer's JSON, or the error message to show.

export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

export async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...csrfHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: "Floorpulse could not be reached. Check the connection and try again." };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (res.ok) return { ok: true, data: json as T };
  return { ok: false, error: json?.error?.message ?? `The server answered HTTP ${res.status}.` };
}
