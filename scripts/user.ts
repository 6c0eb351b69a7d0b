// `npm run user -- <command>`: Floorpulse accounts for the sign-in page and OAuth activation.
import { randomBytes } from "node:crypto";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { emailSchema, userRoleSchema } from "@/lib/auth/roles";
import { addUser, listUsers, removeUser, setUserPassword, setUserRole } from "@/lib/auth/users";
import { findTenantByPartnerId, tenantNames } from "@/lib/store/tenants";
import { soleTenantId } from "@/lib/store/users";
import { openDatabase, parseCli, runAgainst } from "./cli";

const HELP = `Usage: npm run user -- <command> [options]

Commands:
  add --email E --role admin|viewer [--tenant PARTNER_TENANT_ID] [--password-stdin]
                 create a user; without --password-stdin a strong password is generated and printed once
  list           every user with role and organisation
  role --email E --role admin|viewer
  password --email E [--password-stdin]
                 set a new password (generated and printed unless read from stdin)
  remove --email E

The database is DATABASE_URL (default file:./data/floorpulse.db). An admin without --tenant is linked
to the organisation when there is exactly one, otherwise to the first one they activate at /setup.
`;

const { values, command, fail } = parseCli(HELP, {
  allowPositionals: true,
  options: {
    email: { type: "string" },
    role: { type: "string" },
    tenant: { type: "string" },
    "password-stdin": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const email = () => {
  const r = emailSchema.safeParse(values.email ?? "");
  return r.success ? r.data : fail("--email must be an email address.");
};
const role = () => {
  const r = userRoleSchema.safeParse(values.role);
  return r.success ? r.data : fail("--role must be admin or viewer.");
};
async function password(): Promise<{ value: string; generated: boolean }> {
  if (!values["password-stdin"]) return { value: randomBytes(15).toString("base64url"), generated: true };
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const value = text.replace(/\r?\n$/, "");
  if (value.length < PASSWORD_MIN_LENGTH) fail(`The password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
  return { value, generated: false };
}

const { db } = await openDatabase();
await runAgainst(db, async () => {
  switch (command) {
    case "add": {
      const [e, r] = [email(), role()];
      let tenantId: string | null = null;
      if (values.tenant) {
        const t = await findTenantByPartnerId(db, values.tenant);
        if (!t) fail(`No organisation with partner tenant id ${values.tenant}.`);
        tenantId = t!.id;
      } else tenantId = await soleTenantId(db);
      const pw = await password();
      const u = await addUser(db, { email: e, role: r, password: pw.value, tenantId });
      process.stdout.write(`Added ${u.email} (${u.role}).\n`);
      if (pw.generated) process.stdout.write(`Password (shown once): ${pw.value}\n`);
      break;
    }
    case "list": {
      const tenants = await tenantNames(db);
      for (const u of await listUsers(db)) {
        process.stdout.write(
          `${u.email}\t${u.role}\t${u.tenantId ? tenants.get(u.tenantId) : "(no organisation)"}\t${u.passwordHash ? "password" : "app tile only"}\n`,
        );
      }
      break;
    }
    case "role":
      if (!(await setUserRole(db, email(), role()))) fail(`No user ${values.email}.`);
      process.stdout.write(`${values.email} is now ${values.role}.\n`);
      break;
    case "password": {
      const e = email();
      const pw = await password();
      if (!(await setUserPassword(db, e, pw.value))) fail(`No user ${e}.`);
      process.stdout.write(
        pw.generated ? `New password for ${e} (shown once): ${pw.value}\n` : `Password of ${e} changed.\n`,
      );
      break;
    }
    case "remove":
      if (!(await removeUser(db, email()))) fail(`No user ${values.email}.`);
      process.stdout.write(`Removed ${values.email}.\n`);
      break;
    default:
      fail(`Unknown command "${command}".`);
  }
});
