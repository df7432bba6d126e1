// Every webhook auth mode on real Postgres: bearer tokens, HMAC signatures (window, replay, retry
// after a failed ingest, concurrent replays) and Okta event hooks (verification GET, then the
// Authorization secret). A refused request stores nothing but a counter.
// Okta shapes: https://developer.okta.com/docs/concepts/event-hooks/ and
// https://support.okta.com/help/s/article/Unable-to-verify-event-hook-Hook-hook-name-execution-failed
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, ingestFailures, intakeCounters, webhookNonces } from "@/server/db/schema";
import { signatureHeader } from "@/server/intake/hmac-auth";
import { handleWebhook, handleWebhookVerification } from "@/server/intake/ingest";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("intakeauth");
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

const url = (slug: string) => `http://vigil.test/api/webhooks/${slug}`;
const alertBody = (id: string) => JSON.stringify({ id, title: `Suspicious login ${id}`, severity: "high", user: "bob" });
const counter = async (slug: string, reason: string) => {
  await intakeMeter(t.db).flush();
  const [row] = await t.db.select().from(intakeCounters).where(sql`${intakeCounters.sourceSlug} = ${slug} and ${intakeCounters.reason} = ${reason}`);
  return row?.count ?? 0;
};
const alertCount = async (sourceId: string) => t.db.$count(alerts, eq(alerts.sourceId, sourceId));

describe("bearer token", () => {
  it("accepts the token and refuses a wrong, missing or malformed one with 401", async () => {
    const source = await seedSource(t.db);
    const send = (authorization?: string) =>
      handleWebhook(t.db, new Request(url(source.slug), { method: "POST", body: alertBody("b1"), headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) } }), source.slug);
    for (const bad of [undefined, "Bearer wrong", `Bearer ${source.secret}x`, source.secret, `Basic ${source.secret}`]) expect((await send(bad)).status).toBe(401);
    expect(await alertCount(source.id)).toBe(0);
    expect(await counter(source.slug, "unauthenticated")).toBe(5);
    expect((await send(`Bearer ${source.secret}`)).status).toBe(202);
    expect(await t.db.$count(ingestFailures)).toBe(0);
  });
});

describe("HMAC signature", () => {
  const signed = (slug: string, body: string, header: string) =>
    new Request(url(slug), { method: "POST", body, headers: { "content-type": "application/json", "x-vigil-signature": header } });

  it("accepts a fresh signature over t.body", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    const body = alertBody("h1");
    const res = await handleWebhook(t.db, signed(source.slug, body, signatureHeader(source.secret, body)), source.slug);
    expect(res.status).toBe(202);
    expect(await alertCount(source.id)).toBe(1);
    expect(await t.db.$count(webhookNonces, eq(webhookNonces.sourceId, source.id))).toBe(1);
  });

  it("refuses stale and future timestamps, a wrong secret, a tampered body and a missing header", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    const body = alertBody("h2");
    const nowMs = Date.now();
    const now = Math.floor(nowMs / 1000);
    const cases = [
      { header: signatureHeader(source.secret, body, now - 301), reason: "stale_signature", message: /30[12] s away from our clock; the limit is ±300 s/ },
      { header: signatureHeader(source.secret, body, now + 400), reason: "stale_signature", message: /away from our clock/ },
      { header: signatureHeader("not-the-secret", body, now), reason: "bad_signature", message: /does not match/ },
      { header: signatureHeader(source.secret, body.replace("bob", "eve"), now), reason: "bad_signature", message: /does not match/ },
      { header: "", reason: "missing_signature", message: /missing or malformed X-Vigil-Signature/ },
      { header: `t=${now},v1=zz`, reason: "missing_signature", message: /malformed/ },
    ];
    for (const c of cases) {
      const res = await handleWebhook(t.db, signed(source.slug, body, c.header), source.slug, { now: nowMs });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(c.message);
    }
    expect(await alertCount(source.id)).toBe(0);
    expect(await t.db.$count(ingestFailures)).toBe(0);
    expect(await counter(source.slug, "stale_signature")).toBe(2);
    expect(await counter(source.slug, "bad_signature")).toBe(2);
  });

  it("accepts a signature just inside the ±300 s window", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    const body = alertBody("h3");
    const now = Date.now();
    const res = await handleWebhook(t.db, signed(source.slug, body, signatureHeader(source.secret, body, Math.floor(now / 1000) - 299)), source.slug, { now });
    expect(res.status).toBe(202);
  });

  it("refuses a replayed signature with 401 and stores nothing for it", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    const body = alertBody("h4");
    const header = signatureHeader(source.secret, body);
    expect((await handleWebhook(t.db, signed(source.slug, body, header), source.slug)).status).toBe(202);
    const replay = await handleWebhook(t.db, signed(source.slug, body, header), source.slug);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toMatch(/already used \(replay\)/);
    const [alert] = await t.db.select().from(alerts).where(eq(alerts.sourceId, source.id));
    expect(alert!.duplicateCount).toBe(0); // the replay was not even counted as a duplicate
    expect(await counter(source.slug, "replayed")).toBe(1);
  });

  it("lets exactly one of 20 concurrent identical signed requests through", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    const body = alertBody("h5");
    const header = signatureHeader(source.secret, body);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => handleWebhook(t.db, signed(source.slug, body, header), source.slug).then((r) => r.status)));
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    expect(await alertCount(source.id)).toBe(1);
  });

  it("records the nonce in the ingest transaction: a request whose ingest failed can be retried as is", async () => {
    const source = await seedSource(t.db, { auth: "hmac" });
    // The first insert into alerts of this source fails as if the connection broke (nextval is not
    // rolled back, so the second attempt passes).
    await t.db.execute(sql.raw(`
      create sequence fail_once_seq;
      create function fail_once() returns trigger language plpgsql as $$
      begin
        if new.source_id = '${source.id}' and nextval('fail_once_seq') = 1 then
          raise exception 'simulated connection loss' using errcode = '08006';
        end if;
        return new;
      end $$;
      create trigger fail_once before insert on alerts for each row execute function fail_once();`));
    const body = alertBody("h6");
    const header = signatureHeader(source.secret, body);
    const first = await handleWebhook(t.db, signed(source.slug, body, header), source.slug);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("5");
    expect(await t.db.$count(webhookNonces, eq(webhookNonces.sourceId, source.id))).toBe(0);
    const retry = await handleWebhook(t.db, signed(source.slug, body, header), source.slug);
    expect(retry.status).toBe(202);
    expect(await alertCount(source.id)).toBe(1);
    await t.db.execute(sql.raw("drop trigger fail_once on alerts; drop function fail_once(); drop sequence fail_once_seq;"));
  });
});

describe("Okta event hook", () => {
  const challenge = "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg";
  const verification = (slug: string, headers: Record<string, string>) =>
    handleWebhookVerification(t.db, new Request(url(slug), { method: "GET", headers: { accept: "application/json", "user-agent": "Okta-Integrations", ...headers } }), slug);

  it("answers the one-time verification GET by echoing the challenge", async () => {
    const source = await seedSource(t.db, { auth: "okta" });
    const res = await verification(source.slug, { authorization: source.secret, "x-okta-verification-challenge": challenge });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ verification: challenge });
  });

  it("refuses a verification GET without the secret, without a challenge, or for a non-Okta source", async () => {
    const okta = await seedSource(t.db, { auth: "okta" });
    expect((await verification(okta.slug, { authorization: "nope", "x-okta-verification-challenge": challenge })).status).toBe(401);
    expect((await verification(okta.slug, { authorization: okta.secret })).status).toBe(400);
    const token = await seedSource(t.db);
    const res = await verification(token.slug, { authorization: `Bearer ${token.secret}`, "x-okta-verification-challenge": challenge });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("accepts event deliveries carrying the secret in Authorization (200, as Okta expects) and refuses others", async () => {
    const source = await seedSource(t.db, { auth: "okta" });
    const deliver = (authorization: string, id: string) =>
      handleWebhook(t.db, new Request(url(source.slug), { method: "POST", body: alertBody(id), headers: { "content-type": "application/json", authorization } }), source.slug);
    expect((await deliver("wrong", "o1")).status).toBe(401);
    expect((await deliver(source.secret, "o1")).status).toBe(200);
    expect((await deliver(`Bearer ${source.secret}`, "o2")).status).toBe(200);
    expect(await alertCount(source.id)).toBe(2);
  });
});
