// The playbooks this process knows, by id: playbooks/index.ts, plus any extra playbook files a
// worker was started with (VIGIL_EXTRA_PLAYBOOKS, see extra-playbooks.ts). Each entry remembers
// its source file, whose hash is the playbook's version.
import path from "node:path";
import { PLAYBOOKS } from "@playbooks/index";
import { projectRoot } from "../env";
import type { AnyPlaybook } from "./define-playbook";

let byId: Map<string, { playbook: AnyPlaybook; file: string }> | undefined;

function index() {
  if (!byId) {
    byId = new Map();
    for (const p of PLAYBOOKS as readonly AnyPlaybook[]) add(byId, p, path.join(projectRoot(), "playbooks", `${p.id}.ts`));
  }
  return byId;
}

function add(map: NonNullable<typeof byId>, playbook: AnyPlaybook, file: string) {
  if (map.has(playbook.id)) throw new Error(`two playbooks share the id "${playbook.id}" (${map.get(playbook.id)!.file} and ${file})`);
  map.set(playbook.id, { playbook, file });
}

/** Adds a playbook defined outside playbooks/ (its source file gives its version). */
export function registerPlaybook(playbook: AnyPlaybook, file: string): void {
  add(index(), playbook, path.resolve(file));
}

/** Test hook: replaces a registered playbook (e.g. to change its code under a running run). */
export function replacePlaybook(playbook: AnyPlaybook, file: string): void {
  index().set(playbook.id, { playbook, file: path.resolve(file) });
}

export function listPlaybooks(): AnyPlaybook[] {
  return [...index().values()].map((e) => e.playbook);
}

export function getPlaybook(id: string): AnyPlaybook | undefined {
  return index().get(id)?.playbook;
}

/** The source file of a registered playbook. */
export function playbookFileOf(id: string): string | undefined {
  return index().get(id)?.file;
}
