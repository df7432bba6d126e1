// ingest_alerts_per_s: signed CrowdStrike detections (~2.3 KB) POSTed to the production server by
// 32 closed-loop connections, against raw_insert_enqueue_per_s: the same load on a bare node:http
// handler doing one INSERT + graphile_worker.add_job per request (raw-server.ts). No worker runs
// during either, so both measure intake alone.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { signatureHeader, SIGNATURE_HEADER } from "@/server/intake/hmac-auth";
import { createSource } from "@/server/intake/sources";
import type { Db } from "@/server/db/client";
import { freePort } from "../../test/helpers/app-server";
import { closedLoop, type LoadRequest, type LoadResult } from "../load";
import { cpuMs, round, rssMb } from "../stats";

const FIXTURE = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/alerts/crowdstrike/ransomware-detection.json"), "utf8")) as { event: Record<string, unknown> };

/** A distinct detection; `user` decides which case it groups into. */
export function detection(tag: string, i: number, user: string): Buffer {
  return Buffer.from(JSON.stringify({ ...FIXTURE, event: { ...FIXTURE.event, DetectId: `ldt:bench:${tag}:${i}`, UserName: user, ComputerName: `WS-${i % 200}` } }));
}

export interface BenchSource {
  slug: string;
  secret: string;
}

export async function createBenchSource(db: Db, slug: string): Promise<BenchSource> {
  const s = await db.transaction((tx) => createSource(tx, "bench", { slug, kind: "crowdstrike", auth: "hmac", rateLimitPerMinute: 10_000_000 }));
  return { slug: s.slug, secret: s.secret };
}

export function signedRequest(source: BenchSource, body: Buffer): LoadRequest {
  return { path: `/api/webhooks/${source.slug}`, body, headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(source.secret, body) } };
}

export interface IngestOptions {
  connections: number;
  warmupMs: number;
  durationMs: number;
}

/** CPU ms the server process (tree) spent per request of the measured window (after the warm-up). */
async function withCpu<T extends LoadResult>(pid: number, warmupMs: number, load: () => Promise<T>): Promise<T & { cpuMsPerRequest: number }> {
  let before = cpuMs(pid);
  const timer = setTimeout(() => (before = cpuMs(pid)), warmupMs);
  const result = await load();
  clearTimeout(timer);
  return { ...result, cpuMsPerRequest: round((cpuMs(pid) - before) / Math.max(1, result.ok + result.failed)) };
}

export async function benchVigilIngest(db: Db, url: string, webPid: number, options: IngestOptions): Promise<LoadResult & { stored: number; cpuMsPerRequest: number }> {
  const source = await createBenchSource(db, "bench-ingest");
  const tag = Date.now().toString(36);
  // The first request loads the route's modules; keep that out of even a short warm-up.
  const first = signedRequest(source, detection(tag, -1, "warmup"));
  await fetch(`${url}${first.path}`, { method: "POST", headers: first.headers, body: first.body.toString() });
  // 500 users: most alerts join an open case, some open new ones (and start alert-summary runs).
  const result = await withCpu(webPid, options.warmupMs, () => closedLoop({ url, ...options, next: (i) => signedRequest(source, detection(tag, i, `user${i % 500}`)) }));
  const { rows } = await db.$client.query<{ n: number }>("select count(*)::int as n from alerts a join alert_sources s on s.id = a.source_id where s.slug = $1", [source.slug]);
  return { ...result, stored: rows[0]!.n };
}

/** The bare server in its own process; also reports its idle RSS (the bare-Node memory floor). */
export async function benchRawIngest(db: Db, databaseUrl: string, options: IngestOptions): Promise<LoadResult & { idleRssMb: number; cpuMsPerRequest: number }> {
  await db.$client.query("create table if not exists bench_raw_alerts (id bigserial primary key, body jsonb not null, received_at timestamptz not null default now())");
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/raw-server.ts")], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("raw server did not start within 20 s")), 20_000);
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && (clearTimeout(timer), resolve()));
      child.once("exit", (code) => reject(new Error(`raw server exited with ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const idleRssMb = rssMb(child.pid!);
    const source = { slug: "raw", secret: "raw" };
    const tag = Date.now().toString(36);
    const result = await withCpu(child.pid!, options.warmupMs, () => closedLoop({ url: `http://127.0.0.1:${port}`, ...options, next: (i) => signedRequest(source, detection(tag, i, `user${i % 500}`)) }));
    return { ...result, idleRssMb };
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
