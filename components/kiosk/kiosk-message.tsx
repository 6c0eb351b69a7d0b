/** A whole-screen message (revoked link, not a valid link, connecting) readable from across the room. */
export function KioskMessage({ title, detail }: { title: string; detail?: string }) {
  return (
    <div className="kiosk__message" role="alert" data-testid="kiosk-message">
      <p className="kiosk__message-title">{title}</p>
      {detail && <p className="kiosk__message-detail">{detail}</p>}
    </div>
  );
}
