import Link from "next/link";
import { getRegistryOrThrow } from "@/lib/registry";
import { DEVICE_TTL_MS } from "@/lib/occupancy/rules";
import { positionRetentionMs, retentionInWords, ROLLUP_RETENTION_DAYS } from "@/lib/privacy/retention";

export const dynamic = "force-dynamic";
export const metadata = { title: "Privacy · Floorpulse" };

/** What Floorpulse keeps, for how long and why; public, like the status page. */
export default function PrivacyPage() {
  const { config } = getRegistryOrThrow();
  const positions = retentionInWords(positionRetentionMs(config));
  const sessions = retentionInWords(config.SESSION_TTL_HOURS * 3_600_000);
  const rows: Array<[string, string, string]> = [
    [
      "People counts per building, floor and zone, by minute (average, lowest, highest, and where the number came from)",
      `${ROLLUP_RETENTION_DAYS} days`,
      "History charts, the typical weekday, capacity planning. Counts say how many, never who.",
    ],
    [
      "Positions of devices on a floor plan, every 5 seconds: a number that is new for each device visit, and x/y in feet",
      positions,
      "Time travel: replaying where people were in the recent past. Older positions are deleted; the counts stay.",
    ],
    [
      `Cisco's random device id and its current floor, zone and position, while the device is present`,
      `until ${retentionInWords(DEVICE_TTL_MS)} after it was last seen`,
      "Counting each device once and drawing it on the live map, also across a restart.",
    ],
    [
      "Floorpulse accounts: e-mail address, role, organisation; sign-in sessions (only a hash of their token)",
      `accounts until an admin removes them; sessions ${sessions}`,
      "Signing in, and deciding who may see and change what.",
    ],
    ["Health checks of our own parts and of the Cisco Spaces stream, by minute", "8 days", "The public status page."],
  ];
  return (
    <article className="auth-card auth-card--wide privacy">
      <h1>Privacy</h1>
      <p className="lead">
        Floorpulse shows how many people are in a place, not who they are. It reads Cisco Spaces&apos; location stream
        for this organisation and keeps only what the dashboard needs, for as long as it needs it.
      </p>
      <h2>What we keep, for how long, and why</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">For how long</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, howLong, why]) => (
            <tr key={what}>
              <td>{what}</td>
              <td>{howLong}</td>
              <td>{why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>What we never keep</h2>
      <p>
        MAC addresses, names, e-mail addresses, phone numbers, social network handles, user ids and IP addresses of the
        people and devices Cisco Spaces sees. The stream can carry them; Floorpulse does not read them, so they are not
        in its database, its backups or its logs. Floorpulse never asks Cisco Spaces for device profiles.
      </p>
      <h2>Not being tracked</h2>
      <p>
        An admin can put a device on the organisation&apos;s <Link href="/setup/excluded">excluded devices</Link> list
        (its MAC address, or a pattern for a whole kind of device such as printers). Cisco Spaces keeps that list and
        stops sending those devices, so they disappear from maps and counts. Ask your Floorpulse admin.
      </p>
      <p className="hint">This installation keeps positions for {positions} (setting POSITION_RETENTION_HOURS).</p>
    </article>
  );
}
