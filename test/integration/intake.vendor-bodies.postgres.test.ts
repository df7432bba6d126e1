// Vendor bodies that are not one JSON alert: an Okta batch of routine events is accepted with no
// alert (the sender did nothing wrong), and CEF sources take text/plain lines.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, ingestFailures } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("vendorbodies");
});
afterAll(() => t.drop());

const post = (slug: string, secret: string, body: string, contentType: string) =>
  handleWebhook(t.db, new Request(`http://vigil.test/api/webhooks/${slug}`, { method: "POST", body, headers: { "content-type": contentType, authorization: `Bearer ${secret}` } }), slug);

describe("vendor bodies at the webhook", () => {
  it("answers an Okta batch of routine events with 202 and no alert, keeping no failure", async () => {
    const source = await seedSource(t.db, { kind: "okta" });
    const res = await post(source.slug, source.secret, fs.readFileSync("test/fixtures/alerts/okta/routine-batch.json", "utf8"), "application/json");
    expect(res.status).toBe(202);
    const body = (await res.json()) as { alertIds: string[]; ignored?: { items: string[] } };
    expect(body.alertIds).toEqual([]);
    expect(body.ignored?.items.length).toBeGreaterThan(0);
    expect(await t.db.$count(alerts)).toBe(0);
    expect(await t.db.$count(ingestFailures)).toBe(0);
  });

  it("accepts raw CEF lines as text/plain for a cef source", async () => {
    const source = await seedSource(t.db, { kind: "cef" });
    const res = await post(source.slug, source.secret, fs.readFileSync("test/fixtures/alerts/cef/ids-lines.cef", "utf8"), "text/plain");
    expect(res.status).toBe(202);
    expect(((await res.json()) as { alertIds: string[] }).alertIds.length).toBeGreaterThan(0);
  });

  it("still refuses text/plain for a JSON-only source with 415", async () => {
    const source = await seedSource(t.db, { kind: "splunk" });
    const res = await post(source.slug, source.secret, "CEF:0|x|y|1|sig|name|5|", "text/plain");
    expect(res.status).toBe(415);
  });
});
