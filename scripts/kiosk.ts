// `npm run kiosk -- <command>`: read-only kiosk display links for one location subtree.
import { createKioskToken, listKioskTokens, revokeKioskToken, rotateKioskToken } from "@/lib/auth/kiosk-tokens";
import { findLocation, listLocations } from "@/lib/store/locations";
import { openDatabase, parseCli, runAgainst } from "./cli";

const HELP = `Usage: npm run kiosk -- <command> [options]

Commands:
  create --location ID --label L [--theme dark|light] [--rotate SECONDS] [--expires-days N]
             a new kiosk link for location ID and everything inside it; prints its URL once
             (with --expires-days it stops working N days later)
  rotate --id KIOSK_ID
             a new link with the same settings (URL printed once); the old one is revoked
  list       every kiosk link (never the tokens)
  revoke --id KIOSK_ID
             the display shows that the link was revoked

The URL starts with PUBLIC_URL (default http://127.0.0.1:PORT). Locations appear once Cisco Spaces
has reported them; see their ids on the dashboard (/locations/ID).
`;

const { values, command, fail } = parseCli(HELP, {
  allowPositionals: true,
  options: {
    location: { type: "string" },
    label: { type: "string" },
    theme: { type: "string", default: "dark" },
    rotate: { type: "string", default: "15" },
    id: { type: "string" },
    "expires-days": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const { config, db } = await openDatabase();
const baseUrl = (
  config.PUBLIC_URL ?? `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}`
).replace(/\/+$/, "");
await runAgainst(db, async () => {
  switch (command) {
    case "create": {
      if (!values.location) fail("--location is required.");
      const label = values.label?.trim() ?? "";
      if (!label || label.length > 80) fail("--label is required (at most 80 characters).");
      if (values.theme !== "dark" && values.theme !== "light") fail("--theme must be dark or light.");
      const rotateSec = Number(values.rotate);
      if (!Number.isInteger(rotateSec) || rotateSec < 5 || rotateSec > 3600)
        fail("--rotate must be whole seconds from 5 to 3600.");
      const location = await findLocation(db, values.location!);
      if (!location) fail(`No location ${values.location}: it appears once Cisco Spaces has reported it.`);
      const expiresInDays = values["expires-days"] === undefined ? undefined : Number(values["expires-days"]);
      if (
        expiresInDays !== undefined &&
        (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650)
      )
        fail("--expires-days must be whole days from 1 to 3650.");
      const { token, kiosk } = await createKioskToken(db, {
        tenantId: location!.tenantId,
        locationId: location!.id,
        label,
        theme: values.theme as "dark" | "light",
        rotateSec,
        expiresInDays,
      });
      process.stdout.write(
        `Kiosk link ${kiosk.id} for ${location!.name} ("${label}"). Open on the display (shown once):\n${baseUrl}/kiosk/${token}\n`,
      );
      break;
    }
    case "list": {
      const names = new Map((await listLocations(db)).map((l) => [l.id, l.name]));
      for (const k of await listKioskTokens(db)) {
        process.stdout.write(
          `${k.id}\t${k.label}\t${names.get(k.locationId) ?? k.locationId}\t${k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? `expired ${k.expiresAt}` : k.expiresAt ? `active until ${k.expiresAt}` : "active"}\n`,
        );
      }
      break;
    }
    case "rotate": {
      if (!values.id) fail("--id is required.");
      const fresh = await rotateKioskToken(db, { id: values.id! });
      if (!fresh) fail(`No live kiosk link ${values.id}.`);
      process.stdout.write(
        `Kiosk link ${values.id} revoked; its replacement ${fresh!.kiosk.id} (shown once):\n${baseUrl}/kiosk/${fresh!.token}\n`,
      );
      break;
    }
    case "revoke":
      if (!values.id) fail("--id is required.");
      if (!(await revokeKioskToken(db, { id: values.id! }))) fail(`No kiosk link ${values.id}.`);
      process.stdout.write(`Revoked ${values.id}.\n`);
      break;
    default:
      fail(`Unknown command "${command}".`);
  }
});
