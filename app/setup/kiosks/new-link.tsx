"use client";
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";

/** A link made just now (created or rotated): its address and QR code, shown this once. */
export function NewLink({ title, url, onDone }: { title: string; url: string; onDone(): void }) {
  const [qr, setQr] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus(); // keyboard and screen-reader users land on what just appeared
    let live = true;
    void QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((svg) => {
      if (live) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="outcome outcome--ok" role="status" data-testid="new-kiosk-link">
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>Open it on the display, or scan the code with it. It is shown only now: copy it before leaving this page.</p>
      <p className="mono" data-testid="new-kiosk-url">
        {url}
      </p>
      {qr && <img src={qr} alt={`QR code of ${url}`} width={160} height={160} style={{ background: "#fff" }} />}
      <p>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Done, hide the link
        </button>
      </p>
    </div>
  );
}
