// A playbook's source file and version hash (SHA-256 of the file). Runs record the hash they
// started with, so a resumed run can tell that its code changed underneath it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../env";
import { playbookFileOf } from "./registry";

export function versionHashOf(source: string): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 16);
}

const cache = new Map<string, { source: string; versionHash: string }>();

/** Source and version of a playbook, read once per process (per file). */
export function playbookSource(id: string): { source: string; versionHash: string } {
  const file = playbookFileOf(id) ?? path.join(projectRoot(), "playbooks", `${id}.ts`);
  let entry = cache.get(file);
  if (!entry) {
    if (!fs.existsSync(file)) throw new Error(`playbook "${id}" has no file ${path.relative(projectRoot(), file)}; the file name must be the id`);
    const source = fs.readFileSync(file, "utf8");
    entry = { source, versionHash: versionHashOf(source) };
    cache.set(file, entry);
  }
  return entry;
}
