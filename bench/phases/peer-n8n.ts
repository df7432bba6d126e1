// Optional peer run (`--peer n8n`): n8n's webhook → workflow throughput on this machine, with the
// same body and the same closed-loop load, so the README's comparison can be reproduced. Needs an
// installed n8n (N8N_BIN, else `n8n` on PATH; N8N_NODE: the Node ≥ 24 to run it with). n8n gets a
// scratch database on the same Postgres; executions/s counts workflow executions that finished
// successfully inside the measured window (all executions saved, n8n's default).
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../test/helpers/app-server";
import { withAdmin } from "../../test/helpers/db";
import { withDatabase } from "../../test/helpers/postgres";
import { closedLoop } from "../load";
import { waitUntil } from "../stats";
import { detection } from "./ingest";

const exec = promisify(execFile);
const WORKFLOW_ID = "vigilBenchHook01";

export interface PeerResult {
  skipped?: string;
  version?: string;
  requestsPerSecond?: number;
  executionsPerSecond?: number;
  latencyMs?: unknown;
  failed?: number;
  firstFailure?: string;
}

function findN8n(): string | undefined {
  if (process.env.N8N_BIN) return fs.existsSync(process.env.N8N_BIN) ? process.env.N8N_BIN : undefined;
  return (process.env.PATH ?? "").split(":").map((d) => path.join(d, "n8n")).find((p) => fs.existsSync(p));
}

const workflow = {
  id: WORKFLOW_ID,
  name: "Vigil bench: webhook → set",
  active: false,
  nodes: [
    { id: "7d2c1e0a-0000-4000-8000-000000000001", name: "Webhook", type: "n8n-nodes-base.webhook", typeVersion: 2, position: [0, 0], webhookId: "6f1c2b3a-0000-4000-8000-0000000000aa", parameters: { httpMethod: "POST", path: "vigil-bench", responseMode: "onReceived", options: {} } },
    { id: "7d2c1e0a-0000-4000-8000-000000000002", name: "Set", type: "n8n-nodes-base.set", typeVersion: 3.4, position: [220, 0], parameters: { assignments: { assignments: [{ id: "a1", name: "user", type: "string", value: "={{ $json.body.event.UserName }}" }] }, options: {} } },
  ],
  connections: { Webhook: { main: [[{ node: "Set", type: "main", index: 0 }]] } },
  settings: { executionOrder: "v1", saveDataSuccessExecution: "all" },
};

export async function peerN8n(serverUrl: string, options: { connections: number; warmupMs: number; durationMs: number; log: (m: string) => void }): Promise<PeerResult> {
  const bin = findN8n();
  if (!bin) return { skipped: "n8n not found (set N8N_BIN, see bench/README.md)" };
  const node = process.env.N8N_NODE ?? process.execPath;
  const name = `vigil_bench_n8n_${process.pid}`;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-n8n-"));
  const u = new URL(serverUrl);
  const port = await freePort();
  const env = {
    ...process.env,
    DB_TYPE: "postgresdb",
    DB_POSTGRESDB_HOST: u.hostname,
    DB_POSTGRESDB_PORT: u.port || "5432",
    DB_POSTGRESDB_USER: decodeURIComponent(u.username) || "postgres",
    DB_POSTGRESDB_PASSWORD: decodeURIComponent(u.password),
    DB_POSTGRESDB_DATABASE: name,
    N8N_USER_FOLDER: home,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: "127.0.0.1",
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_LOG_LEVEL: "warn",
  };
  await withAdmin((a) => a.query(`drop database if exists "${name}"`).then(() => a.query(`create database "${name}"`)));
  const n8n = (args: string[]) => exec(node, [bin, ...args], { env, timeout: 180_000 });
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const version = (await n8n(["--version"])).stdout.trim();
    const file = path.join(home, "workflow.json");
    fs.writeFileSync(file, JSON.stringify(workflow));
    options.log(`peer: n8n ${version}: importing and publishing the workflow`);
    await n8n(["import:workflow", `--input=${file}`]);
    const published = await n8n(["publish:workflow", `--id=${WORKFLOW_ID}`]);
    options.log(`peer: ${(published.stdout + published.stderr).trim().split("\n").slice(-1)[0]}`);
    server = spawn(node, [bin, "start"], { env, stdio: ["ignore", "ignore", "inherit"] });
    const up = await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true, 120_000, 500);
    if (!up) throw new Error("n8n did not answer /healthz within 120 s");
    // Published workflows' webhooks are registered after /healthz answers.
    const hook = `http://127.0.0.1:${port}/webhook/vigil-bench`;
    const registered = await waitUntil(async () => (await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined))?.status === 200, 60_000, 500);
    if (!registered) throw new Error(`n8n did not register ${hook} within 60 s`);
    options.log("peer: load on n8n");
    const from = new Date(Date.now() + options.warmupMs);
    const load = await closedLoop({
      url: `http://127.0.0.1:${port}`,
      ...options,
      next: (i) => ({ path: "/webhook/vigil-bench", headers: { "content-type": "application/json" }, body: detection("n8n", i, `user${i % 500}`) }),
    });
    const to = new Date(from.getTime() + options.durationMs);
    const db = new pg.Client({ connectionString: withDatabase(serverUrl, name) });
    await db.connect();
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from execution_entity where "workflowId" = $1 and status = 'success' and "stoppedAt" between $2 and $3`, [WORKFLOW_ID, from, to]);
    await db.end();
    return { version, requestsPerSecond: load.perSecond, executionsPerSecond: Math.round(rows[0]!.n / load.seconds), latencyMs: load.latencyMs, failed: load.failed, firstFailure: load.firstFailure };
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await withAdmin((a) => a.query(`drop database if exists "${name}" with (force)`));
    fs.rmSync(home, { recursive: true, force: true });
  }
}
