// Email through SMTP (nodemailer): approval requests, case assignments and playbook messages.
// Certificates are verified; "starttls" refuses to send in clear text when the server does not
// offer STARTTLS. Header values are single lines so nothing can smuggle extra headers.
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { IntegrationError } from "../errors";

export const emailSecuritySchema = z.enum(["starttls", "tls", "none"]);

export const emailTransportSchema = z.object({
  host: z.string().trim().min(1).max(253).meta({ title: "SMTP host" }),
  port: z.number().int().min(1).max(65535).default(587).meta({ title: "SMTP port", description: "587 for STARTTLS, 465 for TLS, 25 for relays. (Default: 587)" }),
  security: emailSecuritySchema
    .default("starttls")
    .meta({ title: "Transport security", description: "starttls: upgrade and require TLS (587); tls: TLS from the start (465); none: clear text, only for a local relay." }),
  from: z.string().trim().min(3).max(320).meta({ title: "From address", description: 'Sender, e.g. "Vigil SOAR <soar@example.org>".' }),
});
export type EmailTransportConfig = z.output<typeof emailTransportSchema>;

export const emailSecretSchema = z.object({
  username: z.string().max(320).optional().meta({ title: "SMTP user" }),
  password: z.string().max(1000).optional().meta({ title: "SMTP password" }),
});
export type EmailSecret = z.output<typeof emailSecretSchema>;

export const emailMessageSchema = z.object({
  to: z.array(z.string().trim().email()).min(1).max(100),
  subject: z.string().trim().min(1).max(300),
  text: z.string().max(100_000),
  html: z.string().max(200_000).optional(),
});
export type EmailMessage = z.input<typeof emailMessageSchema>;

export interface SentEmail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

export class EmailClient {
  private readonly transport: Transporter;

  constructor(
    private readonly config: EmailTransportConfig,
    secret: EmailSecret,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === "tls",
      requireTLS: config.security === "starttls",
      ignoreTLS: config.security === "none",
      auth: secret.username ? { user: secret.username, pass: secret.password ?? "" } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: EmailMessage): Promise<SentEmail> {
    const msg = emailMessageSchema.parse(message);
    try {
      const info = await this.transport.sendMail({ from: oneLine(this.config.from), to: msg.to, subject: oneLine(msg.subject), text: msg.text, html: msg.html });
      const list = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === "string" ? a : (a as { address: string }).address)) : []);
      return { messageId: String(info.messageId), accepted: list(info.accepted), rejected: list(info.rejected) };
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** Connects and authenticates without sending: the "Test connection" of an email connection. */
  async verify(): Promise<string> {
    try {
      await this.transport.verify();
      return `SMTP server ${this.config.host}:${this.config.port} accepted the connection${this.config.security === "none" ? " (no TLS)" : " over TLS"}`;
    } catch (e) {
      throw this.failure(e);
    }
  }

  close(): void {
    this.transport.close();
  }

  private failure(e: unknown): IntegrationError {
    const err = e as { code?: string; responseCode?: number; message?: string };
    const where = `${this.config.host}:${this.config.port}`;
    if (err.code === "EAUTH") return new IntegrationError(`SMTP server ${where} refused the login: check the connection's SMTP user and password`, { code: "forbidden" }, { cause: e });
    if (err.code === "ETLS" || /STARTTLS/i.test(err.message ?? ""))
      return new IntegrationError(`SMTP server ${where} did not set up TLS (STARTTLS), so nothing was sent in clear text: ${oneLine(err.message ?? "")}`, { code: "unavailable" }, { cause: e });
    if (err.responseCode && err.responseCode >= 500 && err.responseCode < 600)
      return new IntegrationError(`SMTP server ${where} refused the message (${err.responseCode}): ${oneLine(err.message ?? "")}`, { code: "rejected" }, { cause: e });
    return new IntegrationError(`SMTP server ${where} could not be used: ${oneLine(err.message ?? String(e))}`, { code: "unavailable" }, { cause: e });
  }
}
