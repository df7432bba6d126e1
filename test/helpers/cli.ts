// Runs the real `vigil` command (tsx src/cli/main.ts) in a child process, for CLI tests.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs `vigil <args>` with process.env plus `env`; names in `unset` are removed. Rejects on a non-zero exit. */
export function runVigil(args: string[], env: Record<string, string>, unset: string[] = []) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of unset) delete childEnv[name];
  return run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "src/cli/main.ts", ...args], { env: childEnv, timeout: 60_000 });
}
