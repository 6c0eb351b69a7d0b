import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSenders, SendError, type Sender } from "@/lib/notify/channels/senders";
import { createOutbox } from "@/lib/notify/outbox";
import { createLogger } from "@/lib/log";
import { boardRoomFull } from "../helpers/notice";
import { removeDir, tempDir } from "../helpers/app-server";
import { startSmtpSink, type SmtpSink } from "../helpers/channel-receivers";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";

// E-mail to a relay as companies run them: TLS (STARTTLS on 587, or TLS from the start on 465) with
// a login. A real SMTP server (smtp-server) with a self-signed certificate made here by openssl: it
// is refused unless SMTP_CA_FILE names it, and a wrong password keeps the message queued, with a log
// line that says what to fix.

let dir: string;
let certFile: string;
let tls: { key: string; cert: string };
const users = { floorpulse: "s3cret-pass" };

const notice = boardRoomFull;

beforeAll(() => {
  dir = tempDir();
  certFile = join(dir, "relay.pem");
  const keyFile = join(dir, "relay.key");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost"],
      ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    ],
    { stdio: "ignore" },
  );
  tls = { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
});

afterAll(() => removeDir(dir));

function emailSender(smtpUrl: string, smtpCaFile?: string): Sender {
  const s = createSenders({
    smtpUrl,
    smtpCaFile,
    emailFrom: "Floorpulse <fp@example.com>",
    emailTo: ["ops@example.com"],
  });
  return s.email!;
}

async function sendError(send: Promise<void>): Promise<SendError> {
  const e = await send.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

describe("e-mail over TLS with a login", () => {
  let starttls: SmtpSink;
  let implicit: SmtpSink;
  beforeAll(async () => {
    starttls = await startSmtpSink({ tls, users, authMethods: ["PLAIN"] });
    implicit = await startSmtpSink({ tls: { ...tls, implicit: true }, users, authMethods: ["LOGIN"] });
  });
  afterAll(async () => {
    await starttls?.close();
    await implicit?.close();
  });

  it("upgrades smtp:// with STARTTLS and logs in with AUTH PLAIN, trusting the relay's CA from SMTP_CA_FILE", async () => {
    await emailSender(`smtp://floorpulse:s3cret-pass@localhost:${starttls.port}`, certFile)(
      notice,
      "alert:a1:raised:email",
    );
    expect(starttls.mails).toHaveLength(1);
    expect(starttls.mails[0]).toMatchObject({ secure: true, user: "floorpulse", to: ["ops@example.com"] });
    expect(starttls.mails[0]!.data).toContain("Subject: Board Room is full");
  });

  it("speaks TLS from the first byte on smtps:// and logs in with AUTH LOGIN", async () => {
    await emailSender(`smtps://floorpulse:s3cret-pass@127.0.0.1:${implicit.port}`, certFile)(
      notice,
      "alert:a2:raised:email",
    );
    expect(implicit.mails).toHaveLength(1);
    expect(implicit.mails[0]).toMatchObject({ secure: true, user: "floorpulse" });
  });

  it("refuses a certificate it was not told to trust, on both, and says how to trust it", async () => {
    for (const url of [
      `smtp://floorpulse:s3cret-pass@localhost:${starttls.port}`,
      `smtps://floorpulse:s3cret-pass@localhost:${implicit.port}`,
    ]) {
      const e = await sendError(emailSender(url)(notice, "alert:a3:raised:email"));
      expect(e.message).toMatch(/TLS certificate is not trusted \(.*self[- ]signed.*\).*SMTP_CA_FILE/);
      expect(e.permanent).toBe(false);
    }
    // Without a password either: an untrusted STARTTLS is not quietly skipped.
    const e = await sendError(emailSender(`smtp://localhost:${starttls.port}`)(notice, "alert:a4:raised:email"));
    expect(e.message).toContain("not trusted");
    expect(starttls.mails).toHaveLength(1);
    expect(implicit.mails).toHaveLength(1);
  });

  it("never sends a password to a server that offers no TLS", async () => {
    const plain = await startSmtpSink({ users });
    try {
      const e = await sendError(
        emailSender(`smtp://floorpulse:s3cret-pass@127.0.0.1:${plain.port}`)(notice, "x:email"),
      );
      expect(e.message).toMatch(/no TLS .*smtps:\/\/ or a server offering STARTTLS/);
      expect(plain.mails).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe("a wrong password", () => {
  let sink: SmtpSink;
  let t: TempSqliteDatabase;
  beforeAll(async () => {
    sink = await startSmtpSink({ tls, users, authMethods: ["PLAIN", "LOGIN"] });
    t = await createTempSqliteDatabase();
  });
  afterAll(async () => {
    await sink?.close();
    await t?.drop();
  });

  it("is logged as a refused login to fix in SMTP_URL, and the message stays queued until the password is right", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger(
      "info",
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          cb();
        },
      }),
    );
    let clock = Date.UTC(2026, 11, 4, 12);
    const outboxWith = (password: string) =>
      createOutbox({
        db: t.db,
        log,
        senders: { email: emailSender(`smtp://floorpulse:${password}@localhost:${sink.port}`, certFile) },
        maxAttempts: 5,
        now: () => clock,
        random: () => 1,
        baseDelayMs: 1000,
      });

    const wrong = outboxWith("wrong-pass");
    const [id] = await wrong.enqueue({ tenantId: null, kind: "alert", key: "alert:w1:raised", notice });
    expect(await wrong.tick()).toEqual({ sent: 0, failed: 1 });
    const row = await t.db.outboxMessage.findUnique({ where: { id: id! } });
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(row!.lastError).toMatch(
      /SMTP: the server refused the login \(.*535.*\); check the user name and password in SMTP_URL/,
    );
    const warned = lines.find((l) => l.msg === "channel message failed; will retry");
    expect(warned).toMatchObject({ channel: "email", attempts: 1 });
    expect(String(warned!.err)).toContain("refused the login");
    // Neither the password nor the URL holding it reaches the log.
    expect(JSON.stringify(lines)).not.toContain("wrong-pass");
    await wrong.close();

    // The operator fixes SMTP_URL and restarts: the queued alert goes out, once.
    const fixed = outboxWith("s3cret-pass");
    clock += 2_000;
    expect(await fixed.tick()).toEqual({ sent: 1, failed: 0 });
    clock += 600_000;
    expect(await fixed.tick()).toEqual({ sent: 0, failed: 0 });
    await fixed.close();
    expect(sink.mails.filter((m) => m.data.includes("Message-ID: <alert:w1:raised:email@floorpulse>"))).toHaveLength(1);
    expect(sink.mails[0]).toMatchObject({ secure: true, user: "floorpulse" });
  });
});
