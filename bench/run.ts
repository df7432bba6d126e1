// The benchmark's phases in order, each bounded in count and time, on one database cloned from the
// seeded one: idle memory, ingest (Vigil vs bare server), Postgres commit rate, engine latencies and
// overhead (Vigil worker vs bare graphile-worker runner), cases list, worker memory, optional peer.
import os from "node:os";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { env } from "@/server/env";
import { startAppServer, type AppServer } from "../test/helpers/app-server";
import { testServerUrl } from "../test/helpers/postgres";
import { spawnWorkerProcess } from "../test/helpers/worker-process";
import { seedUser, TEST_PASSWORD } from "../test/helpers/fixtures";
import { cloneDatabase, seededTemplate } from "./database";
import { registerBenchPlaybooks } from "./playbooks";
import { benchCaseList, login } from "./phases/case-list";
import { commitRate } from "./phases/commit-rate";
import { alertToFirstStep, approvalResume, BareRunner, drainTenStepRuns } from "./phases/engine";
import { benchRawIngest, benchVigilIngest } from "./phases/ingest";
import { peerN8n } from "./phases/peer-n8n";
import { table, writeResults, type Row } from "./report";
import { round, rssMb, sleep, waitUntil, type Percentiles } from "./stats";
import type { TestDatabase } from "../test/helpers/db";

export interface BenchOptions {
  quick: boolean;
  peer?: "n8n";
  out: string;
  /** Where `next start` writes its --cpu-prof profiles. */
  profileDir?: string;
  /** Run only the ingest phase (to iterate on it, e.g. with --profile); writes no result file. */
  onlyIngest?: boolean;
}

const FULL = {
  seed: { cases: 100_000, alertsPerCase: 10 },
  ingest: { connections: 32, warmupMs: 3_000, durationMs: 15_000 },
  latencyCount: 120,
  tenStepRuns: 100,
  approvals: 40,
  caseRounds: 15,
  commitSeconds: 8,
};
const QUICK: typeof FULL = {
  seed: { cases: 1_000, alertsPerCase: 2 },
  ingest: { connections: 8, warmupMs: 300, durationMs: 1_500 },
  latencyCount: 8,
  tenStepRuns: 4,
  approvals: 3,
  caseRounds: 1,
  commitSeconds: 1,
};

const ms = (p: Percentiles, keys: (keyof Percentiles)[] = ["p50", "p95", "p99"]) => keys.map((k) => `${k} ${p[k]}`).join(" / ");

export async function runBench(options: BenchOptions): Promise<number> {
  const cfg = options.quick ? QUICK : FULL;
  const startedAt = new Date().toISOString();
  const t0 = Date.now();
  const log = (m: string) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const serverUrl = await testServerUrl();
  let database: TestDatabase | undefined;
  let app: AppServer | undefined;
  let worker: VigilWorker | undefined;
  let bare: BareRunner | undefined;
  try {
    const seed = await seededTemplate(cfg.seed, log);
    database = await cloneDatabase(seed.name, options.quick ? "quick" : "full");
    const db = database.db;
    const { rows: pgInfo } = await db.$client.query<{ version: string; sync: string }>("select version() as version, current_setting('synchronous_commit') as sync");
    log(`database ${database.name} (clone of ${seed.name}); starting next start`);
    const nodeArgs = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [];
    app = await startAppServer({ database, worker: false, nodeArgs, env: { VIGIL_LOG_LEVEL: "warn" } });
    await fetch(`${app.url}/api/health`);
    // The seeded database has users, so the app made no first admin: the bench brings its own.
    const admin = await seedUser(db, "admin", "bench-admin@example.test");
    await sleep(options.quick ? 200 : 2_000);
    const webRss = rssMb(app.webPid);

    log("ingest: bare server (baseline)");
    const raw = await benchRawIngest(db, database.url, cfg.ingest);
    log(`  ${raw.perSecond}/s, ${raw.cpuMsPerRequest} CPU ms/request; ingest: Vigil`);
    const vigil = await benchVigilIngest(db, app.url, app.webPid, cfg.ingest);
    log(`  ${vigil.perSecond}/s, ${vigil.cpuMsPerRequest} CPU ms/request (stored ${vigil.stored}, failed ${vigil.failed}, latency ${ms(vigil.latencyMs)}); Postgres commit rate`);
    if (options.onlyIngest) {
      const peer = options.peer === "n8n" ? await peerN8n(serverUrl, { ...cfg.ingest, log }) : undefined;
      console.log(JSON.stringify({ ...(peer ? { peer_n8n: peer } : {}), vigil: { perSecond: vigil.perSecond, cpuMsPerRequest: vigil.cpuMsPerRequest, latencyMs: vigil.latencyMs, failed: vigil.failed, firstFailure: vigil.firstFailure }, raw: { perSecond: raw.perSecond, cpuMsPerRequest: raw.cpuMsPerRequest, latencyMs: raw.latencyMs } }));
      return 0;
    }
    const commits = await commitRate(32, cfg.commitSeconds);
    log(`  ${commits.commitsPerSecond} commits/s`);
    // The ingest load queued runs and baseline jobs nobody needs: start the engine phases empty.
    await db.$client.query("delete from graphile_worker._private_jobs");

    registerBenchPlaybooks();
    const concurrency = env().VIGIL_WORKER_CONCURRENCY;
    worker = await startWorker({ connectionString: database.url, concurrency });
    bare = new BareRunner(db);
    await bare.start(database.url, concurrency);

    log("engine: enqueue → start, bare and Vigil");
    const rawLatency = await bare.enqueueToStart(cfg.latencyCount, 30_000);
    const firstStep = await alertToFirstStep(db, app.url, cfg.latencyCount, 40_000);
    log(`  bare ${ms(rawLatency)}; Vigil ${ms(firstStep)}; ten steps vs bare jobs`);
    const bareMs = await bare.drainBare(cfg.tenStepRuns * 10, 60_000);
    const tenStepMs = await drainTenStepRuns(db, cfg.tenStepRuns, 90_000);
    log(`  bare ${round(bareMs)} ms, Vigil ${round(tenStepMs)} ms; approvals`);
    const approval = await approvalResume(db, admin.id, cfg.approvals, 30_000);

    log("cases list over tRPC");
    const cookie = await login(app.url, admin.email, TEST_PASSWORD);
    const cases = await benchCaseList(db, app.url, cookie, admin.id, cfg.caseRounds, 60_000);

    log("idle worker process memory");
    await bare.stop();
    bare = undefined;
    await worker.stop();
    worker = undefined;
    const workerRss = await idleWorkerRss(db, database.url);

    const peer = options.peer === "n8n" ? await peerN8n(serverUrl, { ...cfg.ingest, log }) : undefined;

    const result = {
      startedAt,
      quick: options.quick,
      seconds: round((Date.now() - t0) / 1000, 1),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryGb: round(os.totalmem() / 2 ** 30, 1),
        loadAverageAtStart: os.loadavg().map((x) => round(x)),
        node: process.version,
        postgres: pgInfo[0]!.version.split(" on ")[0],
        synchronousCommit: pgInfo[0]!.sync,
        seeded: { cases: cfg.seed.cases, alerts: cfg.seed.cases * cfg.seed.alertsPerCase, seededThisRunSeconds: seed.builtNowSeconds },
      },
      ingest_alerts_per_s: {
        value: vigil.perSecond,
        latency_ms: vigil.latencyMs,
        accepted: vigil.ok,
        failed: vigil.failed,
        first_failure: vigil.firstFailure ?? null,
        stored_alerts: vigil.stored,
        web_cpu_ms_per_alert: vigil.cpuMsPerRequest,
        connections: cfg.ingest.connections,
        seconds: vigil.seconds,
        baseline: { raw_insert_enqueue_per_s: raw.perSecond, latency_ms: raw.latencyMs, failed: raw.failed, cpu_ms_per_request: raw.cpuMsPerRequest },
        ratio: round(vigil.perSecond / raw.perSecond),
        postgres_commits_per_s: commits.commitsPerSecond,
        postgres_commit_rate_tool: commits.tool,
        goal: ">= 2000/s and >= 0.5x baseline",
        pass: vigil.perSecond >= 2000 && vigil.perSecond >= 0.5 * raw.perSecond,
      },
      alert_to_first_step_ms: { ...firstStep, baseline: { raw_enqueue_to_start_ms: rawLatency }, goal: "p50 <= 15, p99 <= 60", pass: firstStep.p50 <= 15 && firstStep.p99 <= 60 },
      step_overhead_ratio: {
        value: round(tenStepMs / bareMs),
        runs: cfg.tenStepRuns,
        ten_step_runs_ms: round(tenStepMs),
        baseline: { raw_bare_jobs_ms: round(bareMs), jobs: cfg.tenStepRuns * 10 },
        goal: "<= 1.5",
        pass: tenStepMs / bareMs <= 1.5,
      },
      approval_resume_ms: { ...approval, baseline: { raw_enqueue_to_start_ms: rawLatency }, goal: "p50 <= 50", pass: approval.p50 <= 50 },
      case_list_p95_ms: { value: cases.list.p95, detail: cases.list, baseline: { raw_case_list_sql_ms: cases.rawList }, goal: "< 100", pass: cases.list.p95 < 100 },
      case_search_p95_ms: { value: cases.search.p95, detail: cases.search, baseline: { raw_case_search_sql_ms: cases.rawSearch }, goal: "< 100", pass: cases.search.p95 < 100 },
      rss_mb_idle: { web: webRss, worker: workerRss, baseline: { raw_node_http_pg_rss_mb: raw.idleRssMb } },
      ...(peer ? { peer_n8n: peer } : {}),
    };

    const rows: Row[] = [
      { key: "ingest_alerts_per_s", value: String(vigil.perSecond), baseline: `raw_insert_enqueue_per_s ${raw.perSecond}`, ratio: `${result.ingest_alerts_per_s.ratio}x`, goal: ">= 2000, >= 0.5x", pass: result.ingest_alerts_per_s.pass },
      { key: "  (server CPU ms per request)", value: String(vigil.cpuMsPerRequest), baseline: String(raw.cpuMsPerRequest), ratio: `${round(vigil.cpuMsPerRequest / raw.cpuMsPerRequest, 1)}x`, goal: "", pass: null },
      { key: "  (Postgres commits/s, 32 clients)", value: "", baseline: String(commits.commitsPerSecond), ratio: `${round(vigil.perSecond / commits.commitsPerSecond, 3)}x`, goal: "", pass: null },
      { key: "alert_to_first_step_ms", value: ms(firstStep), baseline: `raw_enqueue_to_start_ms ${ms(rawLatency)}`, ratio: `${round(firstStep.p50 / rawLatency.p50)}x p50`, goal: "p50 <= 15, p99 <= 60", pass: result.alert_to_first_step_ms.pass },
      { key: "step_overhead_ratio", value: String(result.step_overhead_ratio.value), baseline: `${cfg.tenStepRuns * 10} bare jobs ${round(bareMs, 0)} ms vs ${cfg.tenStepRuns} runs ${round(tenStepMs, 0)} ms`, ratio: "", goal: "<= 1.5", pass: result.step_overhead_ratio.pass },
      { key: "approval_resume_ms", value: ms(approval, ["p50", "p99"]), baseline: `raw_enqueue_to_start_ms ${ms(rawLatency, ["p50", "p99"])}`, ratio: `${round(approval.p50 / rawLatency.p50)}x p50`, goal: "p50 <= 50", pass: result.approval_resume_ms.pass },
      { key: "case_list_p95_ms", value: String(cases.list.p95), baseline: `raw SQL p95 ${cases.rawList.p95}`, ratio: `${round(cases.list.p95 / cases.rawList.p95)}x`, goal: "< 100", pass: result.case_list_p95_ms.pass },
      { key: "case_search_p95_ms", value: String(cases.search.p95), baseline: `raw SQL p95 ${cases.rawSearch.p95}`, ratio: `${round(cases.search.p95 / cases.rawSearch.p95)}x`, goal: "< 100", pass: result.case_search_p95_ms.pass },
      { key: "rss_mb_idle", value: `web ${webRss} / worker ${workerRss}`, baseline: `bare node+pg ${raw.idleRssMb}`, ratio: "", goal: "", pass: null },
      ...(peer ? [{ key: "peer n8n executions/s", value: String(vigil.perSecond), baseline: peer.skipped ? `skipped: ${peer.skipped}` : `n8n ${peer.executionsPerSecond}`, ratio: peer.executionsPerSecond ? `${round(vigil.perSecond / peer.executionsPerSecond, 1)}x` : "", goal: "", pass: null }] : []),
    ];
    const files = writeResults(options.out, result);
    console.log(`\nVigil bench ${options.quick ? "(quick) " : ""}${startedAt}: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GB, Node ${process.version}, ${result.machine.postgres}\n`);
    console.log(table(rows));
    console.log(`\nwrote ${files.join(" and ")} in ${result.seconds} s`);
    return 0;
  } finally {
    await bare?.stop();
    await worker?.stop();
    await app?.stop(); // also drops the database
    if (!app) await database?.drop();
  }
}

/** RSS of a real `vigil worker` process (tsx loader included) once it has started and idled. */
async function idleWorkerRss(db: TestDatabase["db"], url: string): Promise<number> {
  const child = spawnWorkerProcess({ DATABASE_URL: url, VIGIL_LOG_LEVEL: "warn" });
  try {
    const up = await waitUntil(async () => (await db.$client.query("select 1 from worker_heartbeats where pid = $1", [child.child.pid])).rowCount === 1, 30_000, 100);
    if (!up) throw new Error(`the worker process did not start within 30 s:\n${child.log()}`);
    await sleep(1_000);
    return rssMb(child.child.pid!);
  } finally {
    await child.stop();
  }
}
