// The demo must never act on real systems. Its alerts trigger the shipped playbooks, which disable
// accounts, block IPs and send messages through whatever connections exist; so the demo refuses to
// run while an identity, network or notification connection is enabled, unless told otherwise.
// Enrichment connections only read (and the demo's addresses are documentation ranges).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { connections } from "../db/schema";
import { AppError } from "../errors";
import { getIntegration } from "../integrations/registry";

/** Enabled connections a playbook could act through (anything but enrichment). */
export async function actingConnections(db: DbOrTx): Promise<{ name: string; integration: string }[]> {
  const rows = await db.select({ name: connections.name, integration: connections.integration }).from(connections).where(eq(connections.enabled, true));
  return rows.filter((r) => getIntegration(r.integration)?.category !== "enrichment");
}

export async function assertDemoIsContained(db: DbOrTx): Promise<void> {
  const acting = await actingConnections(db);
  if (!acting.length) return;
  const names = acting.map((c) => `${c.name} (${c.integration})`).join(", ");
  throw new AppError(
    "CONFLICT",
    `demo data is refused while playbooks could act on real systems through enabled connections: ${names}. Disable them on the Connections page, or use an installation without connections (vigil demo --with-connections overrides this).`,
  );
}
