// Admin side of intake through tRPC on real Postgres: sources (secret shown once, rotation,
// enable/disable, generic field mapping), the dead letter with replay after a mapping fix, and the
// alerts list. Secrets never appear in lists or the audit trail; analysts cannot administer.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, ingestFailures } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { callerAs } from "../helpers/trpc";
import { seedUser } from "../helpers/fixtures";

let t: TestDatabase;
let admin: ReturnType<typeof callerFor>;
let analyst: ReturnType<typeof callerFor>;

const callerFor = (user: Awaited<ReturnType<typeof seedUser>>) => callerAs(t.db, user);

beforeAll(async () => {
  t = await createTestDatabase("intakeadmin");
  admin = callerFor(await seedUser(t.db, "admin"));
  analyst = callerFor(await seedUser(t.db, "analyst"));
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

const post = (slug: string, secret: string, body: unknown) =>
  handleWebhook(t.db, new Request(`http://vigil.test/api/webhooks/${slug}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${secret}` } }), slug);

describe("alert sources", () => {
  it("creates a source whose secret is returned once and never listed or audited", async () => {
    const created = await admin.sources.create({ slug: "edr-main", kind: "generic", auth: "token" });
    expect(created.secret).toMatch(/^vgl_/);
    const listed = await admin.sources.list();
    expect(listed.find((s) => s.slug === "edr-main")).toMatchObject({ kind: "generic", auth: "token", enabled: true });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const audit = await t.db.select().from(auditLog);
    expect(audit.map((a) => a.action)).toContain("source.create");
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it("rotates the secret: the old one stops working at once, the new one works", async () => {
    const created = await admin.sources.create({ slug: "siem-rot" });
    const rotated = await admin.sources.rotate({ id: created.id });
    expect(rotated.secret).not.toBe(created.secret);
    expect((await post("siem-rot", created.secret, { title: "x" })).status).toBe(401);
    expect((await post("siem-rot", rotated.secret, { title: "x" })).status).toBe(202);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "source.rotate_secret"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
  });

  it("validates kind and mapping with messages naming the field", async () => {
    await expect(admin.sources.create({ slug: "bad-kind", kind: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("unknown kind") });
    await expect(admin.sources.create({ slug: "bad-map", mapping: { title: 42 } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^mapping\.title/) });
    await expect(admin.sources.create({ slug: "Bad Slug" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("slug must be lowercase") });
    await expect(admin.sources.create({ slug: "edr-main" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await admin.sources.kinds()).map((k) => k.kind)).toEqual(expect.arrayContaining(["auto", "generic"]));
  });

  it("is admin-only", async () => {
    await expect(analyst.sources.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.sources.create({ slug: "x-analyst" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.ingestFailures.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("dead letter and replay", () => {
  it("keeps a body the mapping could not read, and replays it once the mapping is fixed", async () => {
    const source = await admin.sources.create({ slug: "custom-ids" });
    const payload = { detection: { label: "Outbound to known C2" }, sev: 9, src: "10.1.2.3", dst: "203.0.113.77", event_uuid: "c2-1" };
    const refused = await post(source.slug, source.secret, payload);
    expect(refused.status).toBe(400);
    const { items } = await admin.ingestFailures.list({ sourceSlug: source.slug });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ statusCode: 400, reason: expect.stringMatching(/^title: missing/), replayedAt: null });
    expect(JSON.parse(items[0]!.preview)).toEqual(payload);

    await expect(admin.ingestFailures.replay({ id: items[0]!.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/title: missing/) });
    await admin.sources.update({ id: source.id, mapping: { title: "$.detection.label", severity: "$.sev", externalId: "$.event_uuid", observables: { ip: ["$.src", "$.dst"] } } });
    const replayed = await admin.ingestFailures.replay({ id: items[0]!.id });
    expect(replayed.alertIds).toHaveLength(1);
    const [alert] = await t.db.select().from(alerts).where(eq(alerts.id, replayed.alertIds[0]!));
    expect(alert).toMatchObject({ title: "Outbound to known C2", severity: "critical", externalId: "c2-1" });
    const [row] = await t.db.select().from(ingestFailures).where(eq(ingestFailures.id, items[0]!.id));
    expect(row!.replayResult).toMatchObject({ ok: true, alertIds: replayed.alertIds });
    await expect(admin.ingestFailures.replay({ id: items[0]!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "ingest_failure.replay"))).map((a) => (a.data as { ok: boolean }).ok)).toEqual([false, true]);
    expect((await admin.ingestFailures.list({ sourceSlug: source.slug, pendingOnly: true })).items).toHaveLength(0);
  });

  it("shows the counted-only rejections and refuses replays for disabled sources", async () => {
    const source = await admin.sources.create({ slug: "off-later" });
    expect((await post(source.slug, "wrong", { title: "x" })).status).toBe(401);
    await intakeMeter(t.db).flush();
    expect(await admin.ingestFailures.counters()).toEqual(expect.arrayContaining([expect.objectContaining({ sourceSlug: "off-later", reason: "unauthenticated", count: 1 })]));
    expect((await post(source.slug, source.secret, { nope: 1 })).status).toBe(400);
    await admin.sources.update({ id: source.id, enabled: false });
    const { items } = await admin.ingestFailures.list({ sourceSlug: source.slug });
    await expect(admin.ingestFailures.replay({ id: items[0]!.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/is disabled/) });
    const detail = await admin.ingestFailures.byId({ id: items[0]!.id });
    expect(detail).toMatchObject({ body: '{"nope":1}', truncated: false, size: 10 });
  });
});

describe("alerts list", () => {
  it("lists alerts newest first with source, severity, observables, duplicates and case", async () => {
    const source = await admin.sources.create({ slug: "list-src" });
    await post(source.slug, source.secret, { id: "l1", title: "First", severity: "low", user: "ivan" });
    await post(source.slug, source.secret, { id: "l2", title: "Second", severity: "high", src_ip: "198.51.100.200", host: "db-1" });
    await post(source.slug, source.secret, { id: "l2", title: "Second", severity: "high" });
    const { items } = await analyst.alerts.list({ sourceId: source.id });
    expect(items.map((a) => a.title)).toEqual(["Second", "First"]);
    expect(items[0]).toMatchObject({ severity: "high", duplicateCount: 1, source: { slug: "list-src", kind: "generic" }, case: { number: expect.any(Number) } });
    expect(items[0]!.observables.map((o) => `${o.type}:${o.value}`).sort()).toEqual(["host:db-1", "ip:198.51.100.200"]);
    const high = await analyst.alerts.list({ sourceId: source.id, severity: ["high"], limit: 1 });
    expect(high.items).toHaveLength(1);
    expect(high.nextCursor).toBeNull();
  });
});
