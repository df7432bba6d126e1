// RBAC matrix: the access table (src/server/api/access-table.ts) against the real router and route
// handlers on real Postgres. Every procedure is called as anonymous, analyst, manager and admin
// through real sessions (cookie -> createTRPCContext); roles below the minimum must get
// UNAUTHORIZED/FORBIDDEN, the others must get past the role check. Calls use an empty input on
// purpose: the role middleware runs before input parsing, so a refused role sees 401/403 and an
// allowed one sees BAD_REQUEST (or a result) — never the other way round. Then the route handlers,
// and the approval and session rules that are not a plain role check.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROCEDURE_ACCESS, ROUTE_ACCESS, type ProcedurePath } from "@/server/api/access-table";
import { appRouter, createCaller } from "@/server/api/root";
import { createTRPCContext, ROLE_RANK, type MinRole } from "@/server/api/trpc";
import { createSession, SESSION_COOKIE } from "@/server/auth/sessions";
import { alerts, approvalDecisions, approvals } from "@/server/db/schema";
import type { Role } from "@/server/db/schema/enums";
import { definePlaybook } from "@/server/engine";
import { approvalLink } from "@/server/engine/approval-links";
import { confirmationLink } from "@/server/engine/confirm-links";
import { liveListener } from "@/server/live/listener";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource, seedUser } from "../helpers/fixtures";
import { clearJobs, drive, usePlaybooks } from "../helpers/engine";

const gated = definePlaybook<{ target: string }>({
  id: "test-rbac-gated",
  title: "Gated by a manager",
  async run(ctx) {
    await ctx.approval("contain", { title: `Contain ${ctx.input.target}`, params: { target: ctx.input.target }, expiresIn: "1h" });
  },
});

type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "analyst", "manager", "admin"];

let t: TestDatabase;
let serverUrl: string | undefined;
const people = {} as Record<Role, Awaited<ReturnType<typeof seedUser>>>;

beforeAll(async () => {
  t = await createTestDatabase("rbac");
  await usePlaybooks(t.db, "test/integration/rbac-matrix.trpc.test.ts", gated);
  for (const role of ["analyst", "manager", "admin"] as const) people[role] = await seedUser(t.db, role);
  // Route handlers use the process-wide db(); point it at this file's database.
  (globalThis as unknown as { vigilDb?: unknown }).vigilDb = t.db;
  serverUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.url; // for the LISTEN connection of /api/live
});
afterAll(async () => {
  (globalThis as unknown as { vigilDb?: unknown }).vigilDb = undefined;
  await liveListener(t.url).close(); // the /api/live test opened the process's LISTEN connection
  // The test helpers reach the server through DATABASE_URL.
  if (serverUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = serverUrl;
  await t.drop();
});

/** A fresh real session for a user: some calls (auth.logout) end the session they ran in. */
async function cookieFor(userId: string): Promise<string> {
  const { token } = await createSession(t.db, userId);
  return `${SESSION_COOKIE}=${token}`;
}

async function apiAs(who: Who) {
  const headers: Record<string, string> = who === "anonymous" ? {} : { cookie: await cookieFor(people[who].id) };
  const ctx = await createTRPCContext({ req: new Request("http://vigil.test/api/trpc", { method: "POST", headers }), resHeaders: new Headers(), db: t.db });
  return createCaller(ctx);
}

const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { meta?: { minRole?: MinRole } } }> }).procedures;

function allowed(who: Who, min: MinRole): boolean {
  if (min === "public") return true;
  return who !== "anonymous" && ROLE_RANK[who] >= ROLE_RANK[min];
}

/** Calls a procedure by its dotted path with an empty input; returns the tRPC error code or "ok". */
async function outcome(who: Who, procedurePath: string): Promise<string> {
  const api = await apiAs(who);
  const [group, name] = procedurePath.split(".") as [string, string];
  const fn = (api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[group]![name]!;
  try {
    await fn(undefined);
    return "ok";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

describe("the access table", () => {
  it("names every procedure of the router, and only those, with the role the procedure declares", () => {
    const inRouter = Object.keys(procedures).sort();
    const inTable = Object.keys(PROCEDURE_ACCESS).sort();
    expect(inRouter.filter((p) => !inTable.includes(p)), "procedures missing from src/server/api/access-table.ts").toEqual([]);
    expect(inTable.filter((p) => !inRouter.includes(p)), "table entries with no procedure").toEqual([]);
    for (const p of inRouter) expect(procedures[p]!._def.meta?.minRole, p).toBe(PROCEDURE_ACCESS[p as ProcedurePath]);
  });

  it("names every route handler under src/app/api, and each exported method", async () => {
    const root = path.resolve("src/app");
    const found = fs
      .readdirSync(path.join(root, "api"), { recursive: true, encoding: "utf8" })
      .filter((f) => path.basename(f) === "route.ts")
      .map((f) => path.join("api", f).split(path.sep).join("/"))
      .sort();
    expect(found).toEqual(Object.keys(ROUTE_ACCESS).sort());
    for (const file of found) {
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].filter((m) => typeof mod[m] === "function");
      expect(methods.sort(), file).toEqual(Object.keys(ROUTE_ACCESS[file]!).sort());
    }
  });
});

describe("every procedure as anonymous, analyst, manager and admin", () => {
  for (const [procedurePath, min] of Object.entries(PROCEDURE_ACCESS)) {
    it(`${procedurePath} needs ${min}`, async () => {
      for (const who of WHO) {
        const got = await outcome(who, procedurePath);
        if (allowed(who, min)) expect(["UNAUTHORIZED", "FORBIDDEN"], `${who} should get past the role check`).not.toContain(got);
        else expect(got, `${who} should be refused`).toBe(who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
      }
    });
  }

  it("checks the role before the input: a refused caller with a valid input changes nothing", async () => {
    const api = await apiAs("analyst");
    await expect(api.users.create({ email: "sneaky@example.test", name: "Sneaky", role: "admin", password: "a long enough password" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await apiAs("admin");
    expect((await admin.users.list()).map((u) => u.email)).not.toContain("sneaky@example.test");
  });
});

describe("route handlers", () => {
  const webhook = () => import("@/app/api/webhooks/[source]/route");

  it("health is public", async () => {
    const { GET } = await import("@/app/api/health/route");
    expect((await GET()).status).toBe(200);
  });

  it("live updates need a session", async () => {
    const { GET } = await import("@/app/api/live/route");
    expect((await GET(new Request("http://vigil.test/api/live"))).status).toBe(401);
    expect((await GET(new Request("http://vigil.test/api/live", { headers: { cookie: `${SESSION_COOKIE}=forged-token-value` } }))).status).toBe(401);
    const abort = new AbortController();
    const res = await GET(new Request("http://vigil.test/api/live", { headers: { cookie: await cookieFor(people.analyst.id) }, signal: abort.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    abort.abort();
    await res.body?.cancel().catch(() => undefined);
  });

  it("webhooks need the source's own token, not a session or another source's token", async () => {
    const { POST, GET } = await webhook();
    const mine = await seedSource(t.db);
    const other = await seedSource(t.db);
    const send = (slug: string, headers: Record<string, string>) =>
      POST(new Request(`http://vigil.test/api/webhooks/${slug}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ title: "rbac probe" }) }), { params: Promise.resolve({ source: slug }) });
    expect((await send(mine.slug, {})).status).toBe(401);
    expect((await send(mine.slug, { cookie: await cookieFor(people.admin.id) })).status).toBe(401);
    expect((await send(mine.slug, { authorization: `Bearer ${other.secret}` })).status).toBe(401);
    expect((await send(mine.slug, { authorization: `Bearer ${mine.secret}` })).status).toBeLessThan(300);
    // GET is only for Okta's verification; a bearer source answers 405 whoever asks.
    const get = await GET(new Request(`http://vigil.test/api/webhooks/${mine.slug}`, { headers: { authorization: `Bearer ${mine.secret}` } }), { params: Promise.resolve({ source: mine.slug }) });
    expect(get.status).toBe(405);
    expect(await t.db.$count(alerts, eq(alerts.sourceId, mine.id))).toBe(1);
  });

  it("confirmation answers need a valid signed link, used once", async () => {
    const { POST } = await import("@/app/api/confirm/route");
    const post = (token: string) => POST(new Request("http://vigil.test/api/confirm", { method: "POST", body: new URLSearchParams({ token, answer: "yes" }) }));
    const refused = await post("not-a-signed-token-at-all");
    expect(refused.headers.get("location")).toMatch(/\/confirm\/done\?error=/);
    const token = confirmationLink({ event: "rbac.confirmed", data: { n: 1 }, question: "Was this you?" }).split("/confirm/")[1]!;
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await post(forged)).headers.get("location")).toMatch(/error=/);
    expect((await post(token)).headers.get("location")).toBe("/confirm/done?answer=yes");
    expect((await post(token)).headers.get("location")).toMatch(/error=/); // replay
  });

  it("tRPC over HTTP answers 401 anonymous and 403 below the role", async () => {
    const { POST, GET } = await import("@/app/api/trpc/[trpc]/route");
    const anonymous = await GET(new Request("http://vigil.test/api/trpc/users.list"));
    expect(anonymous.status).toBe(401);
    const analyst = await GET(new Request("http://vigil.test/api/trpc/users.list", { headers: { cookie: await cookieFor(people.analyst.id) } }));
    expect(analyst.status).toBe(403);
    const admin = await GET(new Request("http://vigil.test/api/trpc/users.list", { headers: { cookie: await cookieFor(people.admin.id) } }));
    expect(admin.status).toBe(200);
    const mutation = await POST(new Request("http://vigil.test/api/trpc/users.setRole", { method: "POST", headers: { "content-type": "application/json", origin: "http://vigil.test", cookie: await cookieFor(people.manager.id) }, body: JSON.stringify({ json: { userId: people.manager.id, role: "admin" } }) }));
    expect(mutation.status).toBe(403);
  });
});

describe("rules beyond the role", () => {
  async function waitingApproval(starter: Who & Role) {
    const api = await apiAs(starter);
    const { runId } = await api.runs.start({ playbookId: gated.id, input: { target: `host-${Math.random().toString(36).slice(2, 6)}` } });
    await clearJobs(t.db);
    expect(await drive(t.db, runId)).toBe("waiting");
    const [approval] = await t.db.select().from(approvals).where(eq(approvals.runId, runId));
    return approval!;
  }

  it("a manager cannot approve a run they started, not even by a signed link", async () => {
    const approval = await waitingApproval("manager");
    const decide = { approvalId: approval.id, decision: "approve" as const, paramsHash: approval.paramsHash };
    await expect((await apiAs("manager")).approvals.decide(decide)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("separation of duties") });
    const token = approvalLink({ approvalId: approval.id, approverId: people.manager.id, expiresAt: new Date(Date.now() + 600_000) }).split("/approve/")[1]!;
    await expect((await apiAs("manager")).approvals.decideByLink({ token, decision: "approve", paramsHash: approval.paramsHash })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.$count(approvalDecisions, eq(approvalDecisions.approvalId, approval.id))).toBe(0);
    // Another manager (here an admin) may.
    await expect((await apiAs("admin")).approvals.decide(decide)).resolves.toMatchObject({ status: "approved" });
  });

  it("nobody approves twice: a repeat counts once, a second decision is refused, a decided approval is closed", async () => {
    const approval = await waitingApproval("analyst");
    const decide = { approvalId: approval.id, decision: "approve" as const, paramsHash: approval.paramsHash };
    const manager = await apiAs("manager");
    await expect(manager.approvals.decide(decide)).resolves.toMatchObject({ status: "approved", approvals: 1 });
    await expect(manager.approvals.decide(decide)).resolves.toMatchObject({ status: "approved", approvals: 1 });
    await expect(manager.approvals.decide({ ...decide, decision: "reject", reason: "second thoughts" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect((await apiAs("admin")).approvals.decide(decide)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already approved") });
    expect(await t.db.$count(approvalDecisions, eq(approvalDecisions.approvalId, approval.id))).toBe(1);
  });

  it("an analyst cannot decide an approval even with a signed link made out to them", async () => {
    const approval = await waitingApproval("manager");
    const token = approvalLink({ approvalId: approval.id, approverId: people.analyst.id, expiresAt: new Date(Date.now() + 600_000) }).split("/approve/")[1]!;
    await expect((await apiAs("analyst")).approvals.decideByLink({ token, decision: "approve", paramsHash: approval.paramsHash })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("disabling a user ends their sessions at once: the next request is 401", async () => {
    const victim = await seedUser(t.db, "manager");
    const cookie = await cookieFor(victim.id);
    const call = async () => createCaller(await createTRPCContext({ req: new Request("http://vigil.test/api/trpc", { headers: { cookie } }), resHeaders: new Headers(), db: t.db })).auth.me();
    await expect(call()).resolves.toMatchObject({ id: victim.id });
    await (await apiAs("admin")).users.setDisabled({ userId: victim.id, disabled: true });
    await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { GET } = await import("@/app/api/live/route");
    expect((await GET(new Request("http://vigil.test/api/live", { headers: { cookie } }))).status).toBe(401);
    // Re-enabling does not bring the old session back.
    await (await apiAs("admin")).users.setDisabled({ userId: victim.id, disabled: false });
    await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
