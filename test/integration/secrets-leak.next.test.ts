// Secrets leak test: a full run through the production web server (`next start`) and a worker,
// with every log line kept (debug level, VIGIL_LOG_FILE for both, plus the web server's own
// stdout/stderr), then every text/json column of every table and every log line is searched for
// each secret the run handled — in clear, base64 and base64url. The run: sign-ins (one with a
// wrong password), an alert source and webhooks with its token (and with a wrong one), an Okta
// connection whose fake echoes the API token back in its errors, an LDAP connection with a bind
// password to a server that is not there, connection tests, a playbook gated by an approval
// decided through a signed link (used, then replayed), and a containment call that fails.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, playbookRuns } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { approvalLink } from "@/server/engine/approval-links";
import { createUser } from "@/server/auth/users";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { json, startFakeServer, type FakeServer } from "../fakes/http-fake";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { startTestRun, usePlaybooks } from "../helpers/engine";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-leak-"));
const webLog = path.join(dir, "web.log");
const workerLog = path.join(dir, "worker.log");
let webOutput = "";
// This process runs the worker; its logger is created on first use, after this.
process.env.VIGIL_LOG_LEVEL = "debug";
process.env.VIGIL_LOG_FILE = workerLog;

// Made at run time: this file's text is stored (the test playbook's source), so literals would match.
const canary = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;
const OKTA_TOKEN = canary("00Okta");
const LDAP_PASSWORD = canary("Ldap-Bind-");
const MANAGER_PASSWORD = canary("manager password ");

const contain = definePlaybook<{ user: string }>({
  id: "test-leak-contain",
  title: "Suspend an Okta user after approval",
  async run(ctx) {
    const ok = await ctx.approval("suspend", { title: `Suspend ${ctx.input.user}`, params: { user: ctx.input.user }, expiresIn: "1h" });
    if (!ok.approved) return;
    await ctx.step("suspend", () => ctx.integrations.okta("okta-echo").disableUser({ user: ctx.input.user }));
  },
});

let app: AppServer;
let worker: VigilWorker;
let okta: FakeServer;
const secrets: Record<string, string> = { okta: OKTA_TOKEN, ldap: LDAP_PASSWORD, manager: MANAGER_PASSWORD };

beforeAll(async () => {
  // An Okta that is careless the way real services sometimes are: its errors quote the credential.
  okta = await startFakeServer({
    routes: [],
    authorize: (req) => json(401, { errorCode: "E0000011", errorSummary: `Invalid token provided: ${String(req.headers.authorization)}`, errorCauses: [{ errorSummary: `token ${OKTA_TOKEN} is not valid` }] }),
    notFound: () => json(404, {}),
  });
  app = await startAppServer({ label: "leak", worker: false, env: { VIGIL_LOG_LEVEL: "debug", VIGIL_LOG_FILE: webLog }, onOutput: (text) => (webOutput += text) });
  secrets.admin = app.admin.password;
  await usePlaybooks(app.database.db, "test/integration/secrets-leak.next.test.ts", contain);
  worker = await startWorker({ connectionString: app.database.url, concurrency: 2, pollInterval: 200 });
}, 300_000);
afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await okta?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function trpc(pathName: string, input: unknown, cookie?: string) {
  const res = await fetch(`${app.url}/api/trpc/${pathName}`, { method: "POST", headers: { "content-type": "application/json", origin: app.url, ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } };
  return { status: res.status, data: body.result?.data.json as Record<string, unknown>, error: body.error?.json.message, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every text, varchar, json, jsonb and array column of every table (Vigil's and graphile-worker's), as text. */
async function databaseText(): Promise<Array<{ where: string; text: string }>> {
  const { rows: columns } = await app.database.db.execute<{ table_schema: string; table_name: string; column_name: string }>(
    sql`select c.table_schema, c.table_name, c.column_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
         where c.table_schema in ('public', 'graphile_worker', 'drizzle') and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const out: Array<{ where: string; text: string }> = [];
  for (const c of columns) {
    const { rows } = await app.database.db.execute<{ v: string | null }>(sql.raw(`select "${c.column_name}"::text as v from "${c.table_schema}"."${c.table_name}"`));
    for (const r of rows) if (r.v) out.push({ where: `${c.table_schema}.${c.table_name}.${c.column_name}`, text: r.v });
  }
  return out;
}

describe("no secret in clear in logs or the database after a full run", () => {
  it("runs sign-in, webhooks, connections, an approval link and a failing containment, then finds no secret", async () => {
    // Sign-ins: the admin, a failure with a secret typed as the password, and a manager.
    const admin = await trpc("auth.login", { email: app.admin.email, password: app.admin.password });
    expect(admin.status).toBe(200);
    expect((await trpc("auth.login", { email: app.admin.email, password: LDAP_PASSWORD })).status).toBe(401);
    const manager = await app.database.db.transaction((tx) => createUser(tx, "test", { email: "leak.manager@example.test", name: "Leak Manager", role: "manager", password: MANAGER_PASSWORD }));
    const managerLogin = await trpc("auth.login", { email: manager.email, password: MANAGER_PASSWORD });
    expect(managerLogin.status).toBe(200);
    secrets.adminSession = admin.cookie!.split("=")[1]!;
    secrets.managerSession = managerLogin.cookie!.split("=")[1]!;

    // An alert source; webhooks with its token, and one with the token of nobody.
    const source = await trpc("sources.create", { slug: "leak-siem" }, admin.cookie);
    expect(source.status).toBe(200);
    secrets.source = source.data.secret as string;
    const hook = (token: string) => fetch(`${app.url}/api/webhooks/leak-siem`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ title: "Leak probe", severity: "low", user: "alice" }) });
    expect((await hook(secrets.source)).status).toBe(202);
    expect((await hook(`${secrets.source.slice(0, -3)}xyz`)).status).toBe(401);
    const rotated = await trpc("sources.rotate", { id: source.data.id }, admin.cookie);
    secrets.sourceRotated = rotated.data.secret as string;

    // Connections: Okta (fake that echoes the token), LDAP with a password to nowhere; test both.
    const oktaConn = await trpc("connections.create", { integration: "okta", name: "okta-echo", config: { orgUrl: okta.url, allowPrivateNetwork: true, userDomains: ["example.test"] }, secret: { apiToken: OKTA_TOKEN } }, admin.cookie);
    expect(oktaConn.status, oktaConn.error).toBe(200);
    const ldapConn = await trpc("connections.create", { integration: "ldap", name: "ldap-nowhere", config: { url: "ldap://127.0.0.1:1", bindDn: "cn=vigil,dc=example,dc=test", baseDn: "dc=example,dc=test", timeoutMs: 1000 }, secret: { bindPassword: LDAP_PASSWORD } }, admin.cookie);
    expect(ldapConn.status, ldapConn.error).toBe(200);
    const oktaTest = await trpc("connections.test", { id: oktaConn.data.id }, admin.cookie);
    expect(oktaTest.data).toMatchObject({ ok: false });
    expect(JSON.stringify(oktaTest.data)).not.toContain(OKTA_TOKEN);
    expect((await trpc("connections.test", { id: ldapConn.data.id }, admin.cookie)).data).toMatchObject({ ok: false });

    // A gated run; the manager decides by a signed link (then replays it); the Okta call fails.
    const runId = await startTestRun(app.database.db, contain.id, { input: { user: "alice@example.test" } });
    const approval = await until("the approval", async () => (await app.database.db.select().from(approvals).where(sql`${approvals.runId} = ${runId}`))[0]);
    const token = approvalLink({ approvalId: approval.id, approverId: manager.id, expiresAt: new Date(Date.now() + 600_000) }).split("/approve/")[1]!;
    secrets.approvalLink = token;
    const page = await fetch(`${app.url}/approve/${token}`, { headers: { cookie: managerLogin.cookie! } });
    expect(page.status).toBe(200);
    const decided = await trpc("approvals.decideByLink", { token, decision: "approve", paramsHash: approval.paramsHash }, managerLogin.cookie);
    expect(decided.status, decided.error).toBe(200);
    expect((await trpc("approvals.decideByLink", { token, decision: "approve", paramsHash: approval.paramsHash }, managerLogin.cookie)).status).toBeGreaterThanOrEqual(400);
    const run = await until("the run to fail", async () => {
      const [r] = await app.database.db.select().from(playbookRuns).where(sql`${playbookRuns.id} = ${runId}`);
      return r && ["failed", "succeeded"].includes(r.status) ? r : undefined;
    });
    expect(run.status).toBe("failed");
    expect(okta.requests.length).toBeGreaterThan(0); // the token really went to the service and came back

    // Let the web and worker flush, then look everywhere.
    await trpc("auth.logout", {}, admin.cookie);
    await new Promise((r) => setTimeout(r, 500));
    const logs = [
      { where: "web log file", text: fs.existsSync(webLog) ? fs.readFileSync(webLog, "utf8") : "" },
      { where: "worker log file", text: fs.existsSync(workerLog) ? fs.readFileSync(workerLog, "utf8") : "" },
      { where: "web stdout/stderr", text: webOutput },
    ];
    // The web server logs only warnings and errors of its own, which this run may not cause.
    expect(logs[1]!.text.length, "worker log captured").toBeGreaterThan(1000);
    expect(webOutput, "web output captured").toContain("Ready");
    const haystack = [...logs, ...(await databaseText())];
    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
      const forms = [secret, Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url")];
      for (const h of haystack) if (forms.some((f) => h.text.includes(f))) leaks.push(`${name} in ${h.where}`);
    }
    expect([...new Set(leaks)]).toEqual([]);
  });
});
