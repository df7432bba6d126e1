// The playbooks Vigil knows, from playbooks/index.ts, by id.
import { PLAYBOOKS } from "@playbooks/index";
import type { AnyPlaybook } from "./define-playbook";

let byId: Map<string, AnyPlaybook> | undefined;

function index(): Map<string, AnyPlaybook> {
  if (!byId) {
    byId = new Map();
    for (const p of PLAYBOOKS as readonly AnyPlaybook[]) {
      if (byId.has(p.id)) throw new Error(`two playbooks share the id "${p.id}"`);
      byId.set(p.id, p);
    }
  }
  return byId;
}

export function listPlaybooks(): AnyPlaybook[] {
  return [...index().values()];
}

export function getPlaybook(id: string): AnyPlaybook | undefined {
  return index().get(id);
}
