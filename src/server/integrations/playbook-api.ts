// What a playbook reaches as `ctx.integrations`. Filled by the integrations framework; the engine
// only calls createPlaybookIntegrations() once per run execution.
import type { Db } from "../db/client";
import type { Logger } from "../logger";

export interface PlaybookIntegrationDeps {
  db: Db;
  run: { id: string; playbookId: string; caseId: string | null };
  log: Logger;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlaybookIntegrations {}

export function createPlaybookIntegrations(_deps: PlaybookIntegrationDeps): PlaybookIntegrations {
  return {};
}
