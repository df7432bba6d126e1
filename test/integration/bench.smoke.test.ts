// `npm run bench -- --quick` end to end, so the benchmark cannot rot: tiny counts, its own output
// directory, and every key of the result with its same-run baseline. The figures themselves are
// not judged here (a loaded test machine says nothing about speed), only that each was measured.
// Needs a current `next build` (scripts/build-if-stale.ts), like the e2e tests.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("npm run bench -- --quick", () => {
  it("measures every key with its baseline, writes latest.json and a timestamped copy, prints the table", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-smoke-"));
    try {
      const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/main.ts", "--quick", "--out", out], { env: { ...process.env, VIGIL_LOG_LEVEL: "warn" }, timeout: 100_000, maxBuffer: 10 * 2 ** 20 });
      const files = fs.readdirSync(out).sort();
      expect(files).toHaveLength(2);
      expect(files).toContain("latest.json");
      const r = JSON.parse(fs.readFileSync(path.join(out, "latest.json"), "utf8"));
      expect(r.quick).toBe(true);

      expect(r.ingest_alerts_per_s.accepted).toBeGreaterThan(0);
      expect(r.ingest_alerts_per_s.failed).toBe(0);
      expect(r.ingest_alerts_per_s.stored_alerts).toBeGreaterThanOrEqual(r.ingest_alerts_per_s.accepted); // 2xx only after commit
      expect(r.ingest_alerts_per_s.baseline.raw_insert_enqueue_per_s).toBeGreaterThan(0);
      expect(r.ingest_alerts_per_s.postgres_commits_per_s).toBeGreaterThan(0);

      for (const key of ["alert_to_first_step_ms", "approval_resume_ms"]) {
        expect(r[key].missing, key).toBe(0);
        expect(r[key].n, key).toBeGreaterThan(0);
        expect(r[key].p50, key).toBeGreaterThan(0);
        expect(r[key].baseline.raw_enqueue_to_start_ms.n, key).toBeGreaterThan(0);
      }
      expect(r.step_overhead_ratio.value).toBeGreaterThan(0);
      expect(r.step_overhead_ratio.baseline.raw_bare_jobs_ms).toBeGreaterThan(0);
      expect(r.case_list_p95_ms.value).toBeGreaterThan(0);
      expect(r.case_list_p95_ms.baseline.raw_case_list_sql_ms.n).toBeGreaterThan(0);
      expect(r.case_search_p95_ms.value).toBeGreaterThan(0);
      expect(r.case_search_p95_ms.baseline.raw_case_search_sql_ms.n).toBeGreaterThan(0);
      expect(r.rss_mb_idle.web).toBeGreaterThan(20);
      expect(r.rss_mb_idle.worker).toBeGreaterThan(20);
      expect(r.rss_mb_idle.baseline.raw_node_http_pg_rss_mb).toBeGreaterThan(20);

      for (const key of ["ingest_alerts_per_s", "alert_to_first_step_ms", "step_overhead_ratio", "approval_resume_ms", "case_list_p95_ms", "case_search_p95_ms", "rss_mb_idle"])
        expect(stdout).toMatch(new RegExp(`^\\| ${key} `, "m"));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
