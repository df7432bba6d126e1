// A whole Vigil for browser tests and benchmarks: its own database cloned from the template, a
// worker in this process, and `next start` (the production server) on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { buildIsStale, buildWebApp } from "../../src/cli/build";
import { ensureFirstAdmin } from "../../src/server/auth/first-admin";
import { startWorker, type VigilWorker } from "../../src/worker/runner";
import { createTestDatabase, type TestDatabase } from "./db";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface AppServer {
  url: string;
  database: TestDatabase;
  worker: VigilWorker | null;
  admin: { email: string; password: string };
  /** The `next start` process (benchmarks read its memory and attach profilers). */
  webPid: number;
  stop(): Promise<void>;
}

export async function startAppServer(options: { label?: string; worker?: boolean; env?: Record<string, string>; onOutput?: (text: string) => void; database?: TestDatabase; nodeArgs?: string[] } = {}): Promise<AppServer> {
  const root = process.cwd();
  if (buildIsStale(root)) buildWebApp(root);
  // A caller may bring its own database (the benchmark brings a clone of its seeded one).
  const database = options.database ?? (await createTestDatabase(options.label ?? "app"));
  const admin = (await database.db.transaction((tx) => ensureFirstAdmin(tx)))!;
  const worker = options.worker === false ? null : await startWorker({ connectionString: database.url, concurrency: 4, pollInterval: 250 });
  const port = await freePort();
  const web = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", options.onOutput ? "pipe" : "inherit", options.onOutput ? "pipe" : "inherit"],
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), VIGIL_PUBLIC_URL: `http://127.0.0.1:${port}`, VIGIL_PROCESS: "vigil-web-test", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  if (options.onOutput) for (const stream of [web.stdout, web.stderr]) stream?.on("data", (d: Buffer) => options.onOutput!(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 30_000, web);
  return {
    url,
    database,
    worker,
    admin,
    webPid: web.pid!,
    async stop() {
      if (web.exitCode === null) {
        const exited = new Promise((r) => web.once("exit", r));
        web.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (web.exitCode === null) web.kill("SIGKILL");
      }
      await worker?.stop();
      await database.drop();
    },
  };
}
