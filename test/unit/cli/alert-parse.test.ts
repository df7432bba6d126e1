// `vigil alert parse`: the real CLI, spawned with tsx, on vendor fixtures. It must work with no
// database at all (no DATABASE_URL, and nothing created in VIGIL_DATA_DIR: no embedded Postgres).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Run = { code: number; stdout: string; stderr: string };
const dir = mkdtempSync(path.join(tmpdir(), "vigil-alert-parse-"));
const dataDir = path.join(dir, "data");

function vigil(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIL_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["src/cli/main.ts", "alert", "parse", ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const noStart = JSON.parse(readFileSync("test/fixtures/alerts/qradar/offense.json", "utf8"));
  delete noStart.start_time;
  writeFileSync(path.join(dir, "qradar-no-start.json"), JSON.stringify(noStart));
  writeFileSync(path.join(dir, "notes.txt"), "just some text, not an alert\n");
  writeFileSync(path.join(dir, "ban.json"), JSON.stringify({ jail: "sshd", banned: { ip: "198.51.100.9" }, at: 1716283412 }));
  writeFileSync(path.join(dir, "mapping.json"), JSON.stringify({ title: "$.jail", occurredAt: "$.at", observables: { ip: "$.banned.ip" }, defaults: { category: "brute_force" } }));
  const [guardduty, cef, malformed, unknown, routine, badKind, mapped] = await Promise.all([
    vigil("test/fixtures/alerts/guardduty/ssh-brute-force.json"),
    vigil("test/fixtures/alerts/cef/ids-lines.cef"),
    vigil(path.join(dir, "qradar-no-start.json"), "--kind", "qradar"),
    vigil(path.join(dir, "notes.txt")),
    vigil("test/fixtures/alerts/okta/routine-batch.json", "--kind", "okta"),
    vigil("test/fixtures/alerts/okta/routine-batch.json", "--kind", "splunky"),
    vigil(path.join(dir, "ban.json"), "--kind", "generic", "--mapping", path.join(dir, "mapping.json")),
  ]);
  Object.assign(runs, { guardduty, cef, malformed, unknown, routine, badKind, mapped });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("vigil alert parse", () => {
  it("detects the vendor and prints the normalized alert as JSON", () => {
    const { code, stdout, stderr } = runs.guardduty!;
    expect(code).toBe(0);
    expect(stderr).toContain("parsed as Amazon GuardDuty (EventBridge) (kind guardduty): 1 alert(s)");
    const alerts = JSON.parse(stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "low", category: "brute_force", occurredAt: "2024-05-11T14:56:39.976Z", externalId: "16afba5c5c43e07c9e3e5e2e544e95df" });
    expect(alerts[0].observables[0]).toEqual({ type: "ip", value: "198.51.100.23", role: "src" });
    expect(alerts[0].raw).toBeUndefined();
  });

  it("reads raw CEF text, one alert per line", () => {
    const { code, stdout } = runs.cef!;
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((a: { title: string }) => a.title)).toEqual(["worm successfully stopped", "detected a | in message", "detected a \\ in packet"]);
  });

  it("applies a generic field mapping from a file", () => {
    expect(runs.mapped!.code).toBe(0);
    expect(JSON.parse(runs.mapped!.stdout)).toEqual([
      expect.objectContaining({ title: "sshd", category: "brute_force", occurredAt: "2024-05-21T09:23:32.000Z", observables: [{ type: "ip", value: "198.51.100.9" }] }),
    ]);
  });

  it("exits 1 naming the field when the payload cannot be parsed", () => {
    expect(runs.malformed!.code).toBe(1);
    expect(runs.malformed!.stdout).toBe("");
    expect(runs.malformed!.stderr).toMatch(/vigil: cannot parse .*qradar-no-start\.json as IBM QRadar offense: start_time: missing/);

    expect(runs.unknown!.code).toBe(1);
    expect(runs.unknown!.stderr).toMatch(/no vendor parser recognised this payload, and as generic JSON: body: expected a JSON object/);

    expect(runs.badKind!.code).toBe(1);
    expect(runs.badKind!.stderr).toMatch(/--kind splunky is not one of auto, .*okta/);
  });

  it("says so when an Okta batch holds no relevant event, printing no alert", () => {
    expect(runs.routine!.code).toBe(0);
    expect(JSON.parse(runs.routine!.stdout)).toEqual([]);
    expect(runs.routine!.stderr).toMatch(/none of the 2 event\(s\) is security-relevant/);
  });

  it("touches no database: nothing was created in VIGIL_DATA_DIR", () => {
    expect(existsSync(dataDir)).toBe(false);
  });
});
