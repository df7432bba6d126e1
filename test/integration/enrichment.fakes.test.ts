// Enrichment end to end against the provider fakes, on real Postgres: analysts enrich a case's
// observables through tRPC, answers are cached per observable with the connection's TTL, each
// API key's quota is kept (and a provider's 429 stops further calls), the case page's query shows
// the results, and playbooks get the same through ctx.integrations.enrichment.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { LookupResult } from "@/server/enrichment/lookup";
import { auditLog, caseObservables, observables } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { startAbuseIpdbFake, startGreyNoiseFake, startVirusTotalFake, type EnrichmentFake } from "../fakes/enrichment";

let t: TestDatabase;
let abuse: EnrichmentFake;
let vt: EnrichmentFake;
let gn: EnrichmentFake;
let analyst: ReturnType<typeof createCaller>;
let caseId: string;
const obs: Record<string, string> = {};

beforeAll(async () => {
  [t, abuse, vt, gn] = await Promise.all([
    createTestDatabase("enrich"),
    startAbuseIpdbFake({ scores: { "198.51.100.23": 92 } }),
    startVirusTotalFake({ malicious: { "evil.example": 9 } }),
    startGreyNoiseFake({ noisy: { "198.51.100.23": "malicious" }, limit: 2 }),
  ]);
  const base = { allowPrivateNetwork: true };
  await seedConnection(t.db, { integration: "abuseipdb", name: "abuseipdb", config: { ...base, apiBase: abuse.url, perMinute: 3 }, secret: { apiKey: abuse.key } });
  await seedConnection(t.db, { integration: "virustotal", name: "vt", config: { ...base, apiBase: vt.url, ttl: "1s", perMinute: 100 }, secret: { apiKey: vt.key } });
  await seedConnection(t.db, { integration: "greynoise", name: "gn", config: { ...base, apiBase: gn.url, perMinute: 100 }, secret: { apiKey: gn.key } });
  caseId = await seedCase(t.db, "Phishing from evil.example");
  for (const [type, value] of [["ip", "198.51.100.23"], ["domain", "evil.example"], ["user", "alice"]] as const) {
    const [row] = await t.db.insert(observables).values({ type, value }).returning();
    obs[value] = row!.id;
    await t.db.insert(caseObservables).values({ caseId, observableId: row!.id });
  }
  const user = await seedUser(t.db, "analyst");
  analyst = createCaller({ db: t.db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${user.id}` });
});
afterAll(async () => {
  await Promise.all([t?.drop(), abuse?.stop(), vt?.stop(), gn?.stop()]);
});

describe("enrichment", () => {
  it("enriches an IP with every provider that supports IPs, then serves the cache", async () => {
    const fresh = await analyst.enrichments.enrichObservable({ observableId: obs["198.51.100.23"]! });
    expect(fresh.map((r) => [r.provider, r.status, r.verdict])).toEqual([
      ["abuseipdb", "fresh", "malicious"],
      ["greynoise", "fresh", "malicious"],
      ["virustotal", "fresh", "benign"],
    ]);
    const cached = await analyst.enrichments.enrichObservable({ observableId: obs["198.51.100.23"]! });
    expect(cached.map((r) => r.status)).toEqual(["cached", "cached", "cached"]);
    expect([abuse.lookups(), vt.lookups(), gn.lookups()]).toEqual([1, 1, 1]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "enrichment.lookup"));
    expect(audit).toMatchObject({ subject: `observable:${obs["198.51.100.23"]}`, data: { type: "ip", value: "198.51.100.23" } });
  });

  it("asks again once the connection's TTL has passed", async () => {
    await analyst.enrichments.enrichObservable({ observableId: obs["evil.example"]! });
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await analyst.enrichments.enrichObservable({ observableId: obs["evil.example"]! });
    expect(again).toEqual([expect.objectContaining({ provider: "virustotal", status: "fresh", verdict: "malicious", score: 9 })]);
    expect(vt.lookups()).toBe(3);
  });

  it("keeps each key's quota, and stops calling a provider that answered 429", async () => {
    const ctx = await newRunContext(t.db, { caseId });
    const results: LookupResult[] = [];
    for (const ip of ["198.51.100.31", "198.51.100.32", "198.51.100.33"]) results.push(await ctx.step(`enrich ${ip}`, () => ctx.integrations.enrichment.lookup({ type: "ip", value: ip })));
    const status = (r: (typeof results)[number], provider: string) => r.results.find((x) => x.provider === provider)!.status;
    // abuseipdb: 3 per minute, one used above: the third lookup here is refused by Vigil, not sent.
    expect(results.map((r) => status(r, "abuseipdb"))).toEqual(["fresh", "fresh", "rate_limited"]);
    expect(abuse.lookups()).toBe(3);
    // greynoise's own daily limit is 2: its 429 marks the key exhausted, so the third is never sent.
    expect(results.map((r) => status(r, "greynoise"))).toEqual(["fresh", "rate_limited", "rate_limited"]);
    expect(gn.requests.filter((q) => q.path.includes("198.51.100.33"))).toEqual([]);
    expect(results[2]!.results.find((x) => x.provider === "abuseipdb")!.retryAt).toMatch(/^\d{4}-/);
  });

  it("shows results per observable for the case page, worst verdict first", async () => {
    const { observables: view, enrichableTypes } = await analyst.enrichments.forCase({ caseId });
    expect(enrichableTypes).toEqual(["ip", "domain", "url", "md5", "sha1", "sha256"]);
    expect(view.map((v) => [v.observable.value, v.verdict, v.results.map((r) => r.provider)])).toEqual([
      ["198.51.100.23", "malicious", ["abuseipdb", "greynoise", "virustotal"]],
      ["evil.example", "malicious", ["virustotal"]],
      ["alice", null, []],
    ]);
    expect(view[0]!.results[0]).toMatchObject({ summary: "Abuse confidence 92% from 42 report(s) (NL, Example Hosting)", stale: false });
  });

  it("gives playbooks the same answers, and only inside a step", async () => {
    const ctx = await newRunContext(t.db, { caseId });
    const intel = await ctx.step("enrich", () => ctx.integrations.enrichment.lookup({ type: "domain", value: "evil.example" }));
    expect(intel).toMatchObject({ verdict: "malicious", observable: { type: "domain", value: "evil.example" } });
    await expect(ctx.integrations.enrichment.lookup({ type: "ip", value: "198.51.100.23" })).rejects.toThrow(/inside ctx.step/);
  });
});
