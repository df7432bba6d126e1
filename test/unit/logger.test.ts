// Log redaction: whatever shape a secret arrives in, the JSON line says "[redacted]".
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/server/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger("test", "info", stream), lines, raw };
}

const SECRET = "s3cr3t-Value-9f8e7d6c";

describe("logger redaction", () => {
  it("redacts secret-looking keys at the top level and at any depth", () => {
    const { log, lines, raw } = capture();
    log.info({ password: SECRET, connection: { name: "ldap", config: { bindPassword: SECRET, url: "ldaps://dc1" }, secretCiphertext: "v1.abc" } }, "saving connection");
    log.info({ steps: [{ output: { apiKey: SECRET } }], req: { headers: { authorization: `Bearer ${SECRET}`, cookie: `vigil_session=${SECRET}` } } });
    expect(raw.join("")).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({ password: "[redacted]", connection: { name: "ldap", config: { bindPassword: "[redacted]", url: "ldaps://dc1" }, secretCiphertext: "[redacted]" } });
    expect(lines[1]).toMatchObject({ steps: [{ output: { apiKey: "[redacted]" } }], req: { headers: { authorization: "[redacted]", cookie: "[redacted]" } } });
  });

  it("redacts credentials inside strings, messages, child bindings and errors", () => {
    const { log, raw, lines } = capture();
    log.info({ target: `postgres://vigil:${SECRET}@db.internal:5432/vigil` }, `calling with Bearer ${SECRET}`);
    log.child({ source: { token: SECRET } }).warn("child");
    log.error({ err: new Error(`LDAP bind failed for ldaps://cn=admin:${SECRET}@dc1`, { cause: new Error(`Basic ${SECRET}`) }) }, "bind failed");
    log.info(`source created: vgl_${"A".repeat(32)}`);
    expect(raw.join("")).not.toContain(SECRET);
    expect(raw.join("")).not.toContain("A".repeat(32));
    expect(lines[0]).toMatchObject({ target: "postgres://vigil:[redacted]@db.internal:5432/vigil", msg: "calling with Bearer [redacted]" });
    expect(lines[1]).toMatchObject({ source: { token: "[redacted]" } });
    expect(lines[2]).toMatchObject({ err: { type: "Error", message: "LDAP bind failed for ldaps://cn=admin:[redacted]@dc1: Basic [redacted]" } }); // pino appends the cause
    expect(lines[3]).toMatchObject({ msg: "source created: [redacted]" });
  });
});
