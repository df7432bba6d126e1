// A real SMTP server (npm smtp-server) inside the test process, on a free 127.0.0.1 port. Every
// message is parsed (mailparser) so tests assert what a recipient would actually get: envelope,
// subject, decoded text and HTML, links.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text and HTML parts. */
  links: string[];
}

export interface SmtpService {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** Credentials the server accepts (AUTH PLAIN/LOGIN); other logins are refused. */
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function startSmtpServer(options: { user?: string; password?: string } = {}): Promise<SmtpService> {
  const received: ReceivedMail[] = [];
  const user = options.user ?? "vigil";
  const password = options.password ?? "smtp-test-password";
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true, // loopback only, no TLS in tests
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      return callback(new Error("535 5.7.8 Authentication credentials invalid"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? "";
          const html = typeof mail.html === "string" ? mail.html : "";
          const links = [...new Set([...`${text}\n${html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, "&")))];
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text,
            html,
            links,
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { host: "127.0.0.1", port, received, user, password, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
