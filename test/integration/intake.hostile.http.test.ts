// Hostile input over real HTTP: nothing a sender can put in a body makes the webhook answer 5xx
// or crash the process. Strings are stored verbatim where Postgres allows; what it refuses (NUL,
// lone surrogates) is escaped in the JSON copy, and the original bytes are kept next to it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts } from "@/server/db/schema";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

let t: TestDatabase;
let server: WebhookServer;
let source: Awaited<ReturnType<typeof seedSource>>;

beforeAll(async () => {
  t = await createTestDatabase("hostile");
  source = await seedSource(t.db);
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

async function send(body: string | Buffer | ReadableStream, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/webhooks/${source.slug}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}`, ...headers },
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as { error?: string; alertIds?: string[] } };
}

const storedAlert = async (id: string) => (await t.db.select().from(alerts).where(eq(alerts.id, id)))[0]!;

describe("hostile bodies", () => {
  it("answers 400 for text that is not JSON under a JSON content type", async () => {
    for (const body of ["{not json", "\u0000\u0001", "<xml/>", '{"title": "x"', "[1,2,,]", "\ufeff"]) {
      const res = await send(body);
      expect(res.status, body).toBe(400);
    }
  });

  it("answers 413 for 5 MiB of nested arrays, declared or streamed", async () => {
    const half = 5 * 512 * 1024;
    const huge = "[".repeat(half) + "]".repeat(half);
    expect((await send(huge)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode("[".repeat(64 * 1024)));
        controller.close();
      },
    });
    expect((await send(stream)).status).toBe(413);
  });

  it("answers 400 for nesting 10,000 deep without recursing", async () => {
    const res = await send("[".repeat(10_000) + "]".repeat(10_000));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/nests more than 64 levels deep/);
    const objects = await send('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000));
    expect(objects.status).toBe(400);
  });

  it("stores NUL and lone surrogates escaped, keeps the original bytes, and cleans nothing else", async () => {
    const rtl = "invoice\u202Egpj.exe";
    const homoglyph = "раypal.com"; // Cyrillic "ра"
    const zeroWidth = "ad\u200Bmin";
    const text = `{"id":"nul-1","title":"login as a\\u0000b","user":"x\\ud800y","description":"${rtl} ${homoglyph} ${zeroWidth}","note":"\\udc00"}`;
    const res = await send(text);
    expect(res.status).toBe(202);
    const alert = await storedAlert(res.body.alertIds![0]!);
    expect(alert.title).toBe("login as a\\u0000b");
    const raw = alert.raw as Record<string, string>;
    expect(raw.user).toBe("x\\ud800y");
    expect(raw.note).toBe("\\udc00");
    expect(raw.description).toBe(`${rtl} ${homoglyph} ${zeroWidth}`);
    expect(alert.rawBody!.toString("utf8")).toBe(text);
  });

  it("keeps __proto__ and constructor keys as plain data without polluting prototypes", async () => {
    const text = '{"id":"proto-1","title":"proto","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"x":{"__proto__":{"admin":true}}}';
    const res = await send(text);
    expect(res.status).toBe(202);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const raw = (await storedAlert(res.body.alertIds![0]!)).raw as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(raw, "__proto__")).toBe(true);
    expect(JSON.stringify(raw)).toContain('"__proto__":{"polluted":true}');
  });

  it("keeps the original bytes when JSON.parse would lose duplicate keys or numbers", async () => {
    for (const [id, extra] of [["dup-1", '"severity":"low","severity":"high"'], ["big-1", '"n":1e400'], ["big-2", '"n":12345678901234567890123']] as const) {
      const text = `{"id":"${id}","title":"lossy ${id}",${extra}}`;
      const res = await send(text);
      expect(res.status, id).toBe(202);
      const alert = await storedAlert(res.body.alertIds![0]!);
      expect(alert.rawBody!.toString("utf8")).toBe(text);
    }
    const plain = await send('{"id":"plain-1","title":"plain","n":1.5}');
    expect((await storedAlert(plain.body.alertIds![0]!)).rawBody).toBeNull();
  });

  it("never answers 5xx to a barrage of odd payloads, and keeps serving afterwards", async () => {
    const payloads = [
      "null", "[]", "{}", '""', "1e400", "-0", "true", '[{"title":"x"}]', '{"title":null}', '{"title":{}}', '{"title":["a"]}',
      '{"title":"x","severity":"\\u0000"}', '{"title":"x","occurred_at":"9999999-01-01"}', '{"title":"x","occurred_at":1e400}',
      `{"title":"x","user":"${"😀".repeat(1000)}"}`, `{"title":"${"a".repeat(5000)}"}`, `{"title":"x","ip":"999.1.1.1"}`,
      '{"title":"x","observables":[{"type":"__proto__","value":"y"},{"type":"ip","value":{"a":1}}]}', '{"title":"\\ud83d"}',
      `{"title":"x","id":"${"i".repeat(600)}"}`, '{"title":"x","id":12345678901234567890}', "\u202E{}",
    ];
    for (const p of payloads) {
      const res = await send(p);
      expect(res.status, p.slice(0, 80)).toBeLessThan(500);
    }
    expect((await send('{"title":"still alive"}')).status).toBe(202);
  });
});
