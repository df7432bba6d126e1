// Email transport against a REAL SMTP server (npm smtp-server) in this process: what arrives is
// what a recipient reads (envelope, subject, decoded body), logins are checked, and header
// injection through the subject is impossible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailClient } from "@/server/integrations/email/client";
import { startSmtpServer, type SmtpService } from "../services/smtp";

let smtp: SmtpService;
const config = () => ({ host: smtp.host, port: smtp.port, security: "none" as const, from: "Vigil SOAR <soar@example.org>" });

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
});

describe("SMTP email client", () => {
  it("delivers a message with authentication", async () => {
    const client = new EmailClient(config(), { username: smtp.user, password: smtp.password });
    const sent = await client.send({ to: ["manager@example.org"], subject: "[Vigil] Approve: block 198.51.100.23", text: "Open https://vigil.example.org/approvals/abc?sig=x=y&z=1 to decide." });
    client.close();
    expect(sent.accepted).toEqual(["manager@example.org"]);
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({ envelopeFrom: "soar@example.org", envelopeTo: ["manager@example.org"], subject: "[Vigil] Approve: block 198.51.100.23" });
    expect(mail.links).toEqual(["https://vigil.example.org/approvals/abc?sig=x=y&z=1"]);
  });

  it("keeps a subject with line breaks on one line", async () => {
    const client = new EmailClient(config(), {});
    await client.send({ to: ["a@example.org"], subject: "hello\r\nBcc: victim@example.org", text: "x" });
    client.close();
    expect(smtp.received.at(-1)!.envelopeTo).toEqual(["a@example.org"]);
    expect(smtp.received.at(-1)!.subject).toBe("hello Bcc: victim@example.org");
  });

  it("says when the login is refused", async () => {
    const client = new EmailClient(config(), { username: smtp.user, password: "wrong" });
    await expect(client.verify()).rejects.toThrow(/refused the login: check the connection's SMTP user and password/);
    client.close();
  });

  it("refuses to send in clear text when STARTTLS is required but not offered", async () => {
    const client = new EmailClient({ ...config(), security: "starttls" }, {});
    await expect(client.send({ to: ["a@example.org"], subject: "s", text: "t" })).rejects.toThrow(/did not set up TLS \(STARTTLS\), so nothing was sent in clear text/);
    client.close();
  });
});
