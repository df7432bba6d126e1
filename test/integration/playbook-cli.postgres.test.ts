// `vigil playbook test` and `vigil playbook backtest` as an operator runs them: the real CLI in a
// child process, a test-only playbook loaded through VIGIL_EXTRA_PLAYBOOKS, stored alerts in a
// real database for the backtest.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleWebhook } from "@/server/intake/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

const run = promisify(execFile);
const fixture = (p: string) => path.resolve("test/fixtures/engine", p);

async function vigil(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      env: { ...process.env, VIGIL_EXTRA_PLAYBOOKS: fixture("playbooks/lockout-demo.ts"), VIGIL_LOG_LEVEL: "silent", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: `${err.stdout}${err.stderr}` };
  }
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("cli");
});
afterAll(() => t.drop());

describe("vigil playbook test", () => {
  it("prints the step-by-step trace with faked integrations and the approvals it would request", async () => {
    const { code, stdout } = await vigil(["playbook", "test", "lockout-demo", "--alert", fixture("alerts/brute-force.json"), "--fakes", fixture("fakes/lockout.json"), "--signal", 'user confirmation={"answer":"yes"}']);
    expect(code).toBe(0);
    expect(stdout).toContain('alert "Brute force against alice on VPN" (high, brute_force)');
    expect(stdout).toContain("trigger: matches");
    expect(stdout).toMatch(/1 step\s+enrich ip\s+ok {2}2 attempts/);
    expect(stdout).toContain('→ abuseipdb.check("198.51.100.23")');
    expect(stdout).toContain('threw "abuseipdb: 503 Service Unavailable"');
    expect(stdout).toContain('→ ad.disableUser("alice")');
    expect(stdout).toContain('- lock account: "Disable alice" — manager ×1, expires in 30m (on timeout: reject), params {"user":"alice","ip":"198.51.100.23"}; scripted: approve');
    expect(stdout).toContain('result: succeeded');
    expect(stdout).toContain('output: {"action":"disabled","confirmed":"yes"}');
  });

  it("follows --decide and exits non-zero when the run fails", async () => {
    const rejected = await vigil(["playbook", "test", "lockout-demo", "--alert", fixture("alerts/brute-force.json"), "--fakes", fixture("fakes/lockout.json"), "--decide", "lock account=reject"]);
    expect(rejected.stdout).toContain('output: {"action":"declined"}');
    expect(rejected.stdout).not.toContain("ad.disableUser");
    const failing = await vigil(["playbook", "test", "lockout-demo", "--alert", fixture("alerts/brute-force.json")]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("⇒ null (no recorded result)");
    expect(failing.stdout).toContain("result: failed");
    const unknown = await vigil(["playbook", "test", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/playbook "nope" does not exist; known: .*lockout-demo/);
  });
});

describe("vigil playbook backtest", () => {
  it("replays stored alerts through the trigger and reports runs and actions", async () => {
    const source = await seedSource(t.db);
    const post = (body: Record<string, unknown>) =>
      handleWebhook(t.db, new Request("http://vigil.test/x", { method: "POST", headers: { authorization: `Bearer ${source.secret}`, "content-type": "application/json" }, body: JSON.stringify(body) }), source.slug);
    for (const [i, user] of ["alice", "bob", "carol"].entries()) expect((await post({ id: `bf-${i}`, title: `Brute force on ${user}`, category: "brute_force", user, src_ip: `198.51.100.${i + 1}` })).status).toBe(202);
    expect((await post({ id: "other", title: "Malware on host", category: "malware", host: "ws-1" })).status).toBe(202);
    const { code, stdout } = await vigil(["playbook", "backtest", "lockout-demo", "--since", "1h", "--fakes", fixture("fakes/lockout.json")], { DATABASE_URL: t.url });
    expect(code).toBe(0);
    expect(stdout).toContain("4 alerts scanned, 3 would have started a run");
    expect(stdout).toContain("outcomes: succeeded 3");
    expect(stdout).toMatch(/abuseipdb\.check\s+×6/); // each dry run replays the recording: a 503, then a score
    expect(stdout).toMatch(/ad\.disableUser\s+×3/);
    expect(stdout).toContain("approvals requested: 3");
  });
});
