// `npm start` builds the web app when the sources are newer than the last build, so a fresh clone
// needs nothing but `npm install && npm start`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const WATCHED = ["src", "playbooks", "next.config.js", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return WATCHED.some((w) => newestMtime(path.join(root, w)) > built);
}

const LOCK_STALE_MS = 10 * 60_000;

/** Holds an exclusive lock file while fn runs; waits for another holder (e.g. a parallel test). */
function withBuildLock(root: string, fn: () => void): void {
  const lock = path.join(root, ".vigil", "build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS || Date.now() > deadline) fs.rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Runs `next build` unless another process just built the same sources. */
export function buildWebApp(root: string): void {
  withBuildLock(root, () => {
    if (!buildIsStale(root)) return;
    console.log("vigil: building the web app (next build); this happens once per code change");
    const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  });
}
