import { createHmac, timingSafeEqual } from "node:crypto";

// Alert webhooks: the body is signed with HMAC-SHA256 over "<unix seconds>.<body>" so a receiver can
// check both who sent it and that it is recent; failed deliveries are retried with exponential backoff.

export const SIGNATURE_HEADER = "x-floorpulse-signature";

export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: true when the header signs this body with this secret within `toleranceS`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceS = 300,
): boolean {
  const m = header.match(/^t=(\d+),v1=([0-9a-f]{64})$/);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceS) return false;
  const expected = Buffer.from(signPayload(secret, body, t).slice(-64), "hex");
  return timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryDeps {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  lastError: string | null;
}

const retryable = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** Full-jitter exponential backoff: a random wait up to base * 2^(attempt-1), capped. */
export const backoffMs = (attempt: number, base: number, cap: number, random: () => number) =>
  Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));

/**
 * POSTs the JSON body, signed, until it is accepted (2xx), refused for good (4xx other than 408, 425,
 * 429), or out of attempts. Each attempt is signed afresh so a late retry still passes a receiver's
 * freshness check.
 */
export async function deliverWebhook(
  target: WebhookTarget,
  body: string,
  deps: DeliveryDeps = {},
): Promise<DeliveryResult> {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 6;
  let lastError: string | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (deps.signal?.aborted) return { delivered: false, attempts: attempt - 1, lastError: lastError ?? "aborted" };
    let wait = backoffMs(attempt, deps.baseDelayMs ?? 1_000, deps.maxDelayMs ?? 60_000, random);
    try {
      const res = await doFetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Floorpulse-Webhook/1",
          [SIGNATURE_HEADER]: signPayload(target.secret, body, Math.floor(now() / 1000)),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      await res.body?.cancel().catch(() => {});
      if (res.ok) return { delivered: true, attempts: attempt, lastError: null };
      lastError = `HTTP ${res.status}`;
      if (!retryable(res.status)) return { delivered: false, attempts: attempt, lastError };
      const after = Number(res.headers.get("retry-after"));
      if (Number.isFinite(after) && after > 0) wait = Math.min(deps.maxDelayMs ?? 60_000, after * 1000);
    } catch (e) {
      lastError = (e as Error).message;
    }
    if (attempt < maxAttempts) await sleep(wait, deps.signal);
  }
  return { delivered: false, attempts: maxAttempts, lastError };
}
