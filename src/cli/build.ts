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

export function buildWebApp(root: string): void {
  console.log("vigil: building the web app (next build); this happens once per code change");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
