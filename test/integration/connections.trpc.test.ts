// Connections through tRPC as the web app calls them: admins add (config validated, secrets
// sealed), list (secrets never returned), test, edit (secrets write-only), disable; analysts can't.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { auditLog, connections } from "@/server/db/schema";
import { registerIntegration } from "@/server/integrations/registry";
import { memory, memoryDirectory } from "../fixtures/integrations/memory-directory";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  registerIntegration(memoryDirectory);
  memory.reset([{ username: "alice" }]);
  t = await createTestDatabase("connections");
});
afterAll(() => t.drop());

function callerFor(user: { id: string; email: string; name: string; role: "analyst" | "manager" | "admin" }) {
  return createCaller({ db: t.db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${user.id}` });
}

describe("connections", () => {
  it("adds a connection with sealed credentials, tests it, and never returns the secret", async () => {
    const admin = callerFor(await seedUser(t.db, "admin"));
    const forms = await admin.connections.integrations();
    expect(forms.find((f) => f.id === "memory-directory")?.secretFields).toEqual([expect.objectContaining({ key: "token", type: "password", required: true })]);

    const { id } = await admin.connections.create({ integration: "memory-directory", name: "mem-1", config: { userDomains: ["example.test"] }, secret: { token: "tok-123456" } });
    const [row] = await t.db.select().from(connections).where(eq(connections.id, id));
    expect(row!.secretCiphertext).toMatch(/^v1\./);
    expect(row!.secretCiphertext).not.toContain("tok-123456");

    const listed = await admin.connections.list();
    expect(listed.find((c) => c.id === id)).toMatchObject({ name: "mem-1", integration: "memory-directory", enabled: true, secretFieldsSet: ["token"], config: { userDomains: ["example.test"], guardrails: { maxPerHourPerPlaybook: 10 } } });
    expect(JSON.stringify(listed)).not.toContain("tok-123456");
    expect(JSON.stringify(listed)).not.toContain(row!.secretCiphertext!);

    const ok = await admin.connections.test({ id });
    expect(ok).toMatchObject({ ok: true, message: "directory holds 1 users" });
    expect((await admin.connections.list()).find((c) => c.id === id)).toMatchObject({ lastTestOk: true, lastTestMessage: "directory holds 1 users" });

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subject, `connection:${id}`));
    expect(audit.map((a) => a.action)).toEqual(["connection.create", "connection.test"]);
    expect(JSON.stringify(audit)).not.toContain("tok-123456");
  });

  it("keeps stored secrets when an edit leaves them empty, replaces them when given", async () => {
    const admin = callerFor(await seedUser(t.db, "admin"));
    const { id } = await admin.connections.create({ integration: "memory-directory", name: "mem-2", secret: { token: "first" } });
    await admin.connections.update({ id, config: { userDomains: ["corp.test"] }, secret: { token: "" } });
    expect(await admin.connections.test({ id })).toMatchObject({ ok: true });
    await admin.connections.update({ id, secret: { token: "wrong" } });
    const failed = await admin.connections.test({ id });
    expect(failed).toMatchObject({ ok: false, message: "the directory refused the token (401)" });
  });

  it("validates config and secrets with messages naming the field", async () => {
    const admin = callerFor(await seedUser(t.db, "admin"));
    await expect(admin.connections.create({ integration: "nope", name: "x", secret: {} })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^integration: "nope" is not one of/) });
    await expect(admin.connections.create({ integration: "memory-directory", name: "mem-3", secret: {} })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^secret\.token: /) });
    await expect(admin.connections.create({ integration: "memory-directory", name: "mem-3", config: { guardrails: { maxPerHourPerPlaybook: -1 } }, secret: { token: "t" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^config\.guardrails\.maxPerHourPerPlaybook: /),
    });
    await expect(admin.connections.create({ integration: "memory-directory", name: "mem-1", secret: { token: "t" } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("disables and re-enables, audited", async () => {
    const admin = callerFor(await seedUser(t.db, "admin"));
    const { id } = await admin.connections.create({ integration: "memory-directory", name: "mem-4", secret: { token: "t" } });
    await admin.connections.setEnabled({ id, enabled: false });
    expect((await admin.connections.list()).find((c) => c.id === id)?.enabled).toBe(false);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.subject, `connection:${id}`))).map((a) => a.action);
    expect(actions).toEqual(["connection.create", "connection.disable"]);
  });

  it("is admin-only", async () => {
    const analyst = callerFor(await seedUser(t.db, "analyst"));
    await expect(analyst.connections.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.connections.create({ integration: "memory-directory", name: "x", secret: { token: "t" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.containment.list({})).resolves.toEqual([]);
  });
});
