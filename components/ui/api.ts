"use client";
import { csrfHeaders } from "@/lib/auth/csrf-client";

// Browser side of our JSON API: one place that sends CSRF proof and reads the error envelope.

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export function errorMessage(body: unknown, status: number): string {
  const e = (body as { error?: unknown } | null)?.error;
  if (typeof e === "string") return e;
  if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string")
    return (e as { message: string }).message;
  return status === 403 ? "You do not have permission to do this." : `The server answered ${status}.`;
}

export async function sendJson<T>(method: "PUT" | "POST", url: string, body: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", ...csrfHeaders() },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    return res.ok
      ? { ok: true, data: json as T }
      : { ok: false, status: res.status, message: errorMessage(json, res.status) };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Floorpulse: check the connection and try again." };
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, { signal, cache: "no-store" });
    const json: unknown = await res.json().catch(() => null);
    return res.ok
      ? { ok: true, data: json as T }
      : { ok: false, status: res.status, message: errorMessage(json, res.status) };
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    return { ok: false, status: 0, message: "Could not reach Floorpulse: check the connection and try again." };
  }
}
