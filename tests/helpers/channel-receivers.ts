import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// Where notifications land in tests: a real SMTP server (smtp-server) and HTTP receivers shaped like
// Teams and Slack incoming webhooks, all on free ports.

export interface Mail {
  from: string;
  to: string[];
  data: string;
  /** Whether the session was encrypted (implicit TLS or after STARTTLS). */
  secure: boolean;
  /** The user that logged in, if any. */
  user: string | null;
}

export interface SmtpSinkOptions {
  /** A certificate: STARTTLS is offered (or, with `implicit`, TLS from the first byte). */
  tls?: { key: string; cert: string; implicit?: boolean };
  /** Required logins (user → password) with these methods; without, anyone may send. */
  users?: Record<string, string>;
  authMethods?: Array<"PLAIN" | "LOGIN">;
}

export interface SmtpSink {
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

export async function startSmtpSink(o: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const users = o.users;
  const smtp = new SMTPServer({
    authOptional: !users,
    authMethods: o.authMethods ?? ["PLAIN", "LOGIN"],
    ...(o.tls ? { key: o.tls.key, cert: o.tls.cert, secure: Boolean(o.tls.implicit) } : {}),
    disabledCommands: o.tls ? [] : users ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    // Only for the test that a client never sends a password in the clear: the server would take it.
    allowInsecureAuth: !o.tls,
    logger: false,
    onAuth(auth, _session, done) {
      if (users && auth.username !== undefined && users[auth.username] === auth.password)
        return done(null, { user: auth.username });
      const err = new Error("Authentication credentials invalid") as Error & { responseCode: number };
      err.responseCode = 535;
      done(err);
    },
    onData(stream, session, done) {
      let data = "";
      stream.on("data", (c: Buffer) => (data += c.toString()));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          secure: session.secure,
          user: typeof session.user === "string" ? session.user : null,
        });
        done();
      });
    },
  });
  // A client that refuses our certificate hangs up mid-handshake: the server reports it, and that is all.
  smtp.on("error", () => {});
  await new Promise<void>((ok) => smtp.listen(0, "127.0.0.1", ok));
  return {
    port: (smtp.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((ok) => smtp.close(() => ok())),
  };
}

export interface WebhookSink {
  url: string;
  bodies: unknown[];
  /** Answer this many next requests with 503. */
  failNext: number;
  /** Answer every request with this status instead (a webhook removed on the other side). */
  status: number | null;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const r: WebhookSink = { url: "", bodies: [], failNext: 0, status: null, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (r.status !== null) return void res.writeHead(r.status).end("no_service");
      if (r.failNext > 0) {
        r.failNext--;
        return void res.writeHead(503).end("busy");
      }
      r.bodies.push(JSON.parse(body));
      res.writeHead(200).end("1");
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  r.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return r;
}
