import QRCode from "qrcode";
import { issueHereToken } from "@/lib/auth/here-links";

export interface HereCode {
  url: string;
  /** The QR code of `url`, an SVG data URI. */
  qr: string;
  expiresAt: number;
}

/** The "You are here" address a display shows, with a token of its own (lib/auth/here-links), and its QR code. */
export async function hereLinkFor(dataKey: Buffer, publicUrl: string, kioskId: string, now: number): Promise<HereCode> {
  const { token, expiresAt } = issueHereToken(dataKey, kioskId, now);
  const url = `${publicUrl.replace(/\/+$/, "")}/here/${token}`;
  const svg = await QRCode.toString(url, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
    color: { dark: "#000000", light: "#ffffff" },
  });
  return { url, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, expiresAt };
}
