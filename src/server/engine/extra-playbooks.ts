// Extra playbook files loaded by a worker at start (VIGIL_EXTRA_PLAYBOOKS: comma-separated files or
// directories of .ts/.js files, each default-exporting definePlaybook(...)). For site-specific
// playbooks kept outside this repository, and for tests that need a playbook nobody else sees.
// The web app lists them from the database, where the worker records them (sync-playbooks.ts).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AnyPlaybook } from "./define-playbook";
import { PLAYBOOK_ID } from "./define-playbook";
import { getPlaybook, registerPlaybook } from "./registry";

function filesOf(spec: string): string[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const full = path.resolve(entry);
      if (!fs.existsSync(full)) throw new Error(`VIGIL_EXTRA_PLAYBOOKS: ${entry} does not exist`);
      if (!fs.statSync(full).isDirectory()) return [full];
      return fs
        .readdirSync(full)
        .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith(".d.ts"))
        .sort()
        .map((f) => path.join(full, f));
    });
}

/** Imports and registers the playbooks named by `spec`; returns their ids. */
export async function loadExtraPlaybooks(spec: string | undefined): Promise<string[]> {
  if (!spec) return [];
  const ids: string[] = [];
  for (const file of filesOf(spec)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: AnyPlaybook };
    const playbook = mod.default;
    if (!playbook || typeof playbook.run !== "function" || !PLAYBOOK_ID.test(String(playbook.id)))
      throw new Error(`VIGIL_EXTRA_PLAYBOOKS: ${file} does not default-export definePlaybook({...})`);
    if (getPlaybook(playbook.id)) continue; // loaded before in this process
    registerPlaybook(playbook, file);
    ids.push(playbook.id);
  }
  return ids;
}
