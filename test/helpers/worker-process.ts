// Real worker processes for reliability tests: `vigil worker` (src/cli/main.ts under tsx's loader,
// one OS process, so SIGKILL really kills the worker), with its log kept for failure reports.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface WorkerProcess {
  child: ChildProcess;
  /** The last lines the worker printed. */
  log(): string;
  /** kill -9: no graceful shutdown, jobs stay locked, connections drop. */
  kill9(): Promise<void>;
  /** SIGTERM and wait (graceful shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const root = process.cwd();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "worker"], {
    cwd: root,
    env: { ...process.env, VIGIL_LOG_LEVEL: "warn", VIGIL_PROCESS: "vigil-worker-test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (d: Buffer) => {
    lines.push(...d.toString().split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  return { child, log: () => lines.join("\n"), kill9: () => kill("SIGKILL", 5_000), stop: () => kill("SIGTERM", 10_000) };
}
