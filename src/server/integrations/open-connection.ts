// Loads a connection for use on the server: its integration, its config parsed by the
// integration's schema, and its credentials opened from the sealed envelope. Never send the result
// to the browser, a log or a step output; views for people come from connections.ts.
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../db/client";
import { connections } from "../db/schema";
import { open } from "../secrets/envelope";
import type { AnyIntegration } from "./define";
import { commonConfigSchema, type CommonConfig } from "./config";
import { IntegrationUsageError } from "./errors";
import { getIntegration } from "./registry";

export interface OpenConnection {
  id: string;
  name: string;
  enabled: boolean;
  integration: AnyIntegration;
  config: Record<string, unknown>;
  /** Guardrails and routing, read the same way for every system. */
  common: CommonConfig;
  secret: Record<string, unknown>;
}

type ConnectionRow = typeof connections.$inferSelect;

/** Formats the first zod issue as "<prefix>.<path>: <message>". */
export function firstIssue(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${[prefix, ...issue.path].join(".")}: ${issue.message}`;
}

export function openConnectionRow(row: ConnectionRow): OpenConnection {
  const integration = getIntegration(row.integration);
  if (!integration) throw new IntegrationUsageError(`connection "${row.name}" uses integration "${row.integration}", which this Vigil does not have`);
  const config = integration.config.safeParse(row.config);
  if (!config.success) throw new IntegrationUsageError(`connection "${row.name}" has an invalid stored config (${firstIssue("config", config.error)}); edit it on the connections page`);
  const secretJson = row.secretCiphertext ? (JSON.parse(open(row.secretCiphertext)) as unknown) : {};
  const secret = integration.secret.safeParse(secretJson);
  if (!secret.success) throw new IntegrationUsageError(`connection "${row.name}" lacks credentials (${firstIssue("secret", secret.error)}); set them on the connections page`);
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    integration,
    config: config.data as Record<string, unknown>,
    common: commonConfigSchema.parse(config.data),
    secret: secret.data as Record<string, unknown>,
  };
}

export async function openConnectionById(db: DbOrTx, id: string): Promise<OpenConnection> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  if (!row) throw new IntegrationUsageError(`connection ${id} does not exist`);
  return openConnectionRow(row);
}

/**
 * The connection a playbook names, or the only enabled connection of the integration when it
 * names none. Disabled connections are refused.
 */
export async function resolveConnection(db: DbOrTx, integrationId: string, name?: string): Promise<OpenConnection> {
  const rows = await db
    .select()
    .from(connections)
    .where(name ? and(eq(connections.integration, integrationId), eq(connections.name, name)) : eq(connections.integration, integrationId));
  if (name) {
    const row = rows[0];
    if (!row) throw new IntegrationUsageError(`there is no ${integrationId} connection named "${name}"`);
    if (!row.enabled) throw new IntegrationUsageError(`connection "${name}" is disabled; an admin can enable it on the connections page`);
    return openConnectionRow(row);
  }
  const enabled = rows.filter((r) => r.enabled);
  if (enabled.length === 1) return openConnectionRow(enabled[0]!);
  if (enabled.length === 0) throw new IntegrationUsageError(`there is no enabled ${integrationId} connection; an admin can add one on the connections page`);
  throw new IntegrationUsageError(`there are ${enabled.length} ${integrationId} connections (${enabled.map((r) => r.name).join(", ")}); name one`);
}
