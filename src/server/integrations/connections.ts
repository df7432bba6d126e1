// Connections (admin): add, edit, enable/disable, and the views the web app shows. Config is
// validated by the integration's schema; credentials are sealed with the envelope and only their
// field names ever leave the server. Every change is audited in its transaction.
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { connections } from "../db/schema";
import { appendAudit } from "../audit/append";
import { AppError } from "../errors";
import { open, seal } from "../secrets/envelope";
import type { AnyIntegration } from "./define";
import { formFields } from "./form-fields";
import { firstIssue } from "./open-connection";
import { getIntegration, listIntegrations } from "./registry";

const connectionName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, "name: 1-63 letters, digits, dots, dashes or underscores, starting with a letter or digit");

export const createConnectionInput = z.object({
  integration: z.string().min(1).max(50),
  name: connectionName,
  config: z.record(z.string(), z.unknown()).default({}),
  secret: z.record(z.string(), z.string()).default({}),
});
export type CreateConnectionInput = z.input<typeof createConnectionInput>;

export const updateConnectionInput = z.object({
  id: z.string().uuid(),
  name: connectionName.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  /** Only the fields given (non-empty) replace the stored ones; the rest are kept. */
  secret: z.record(z.string(), z.string()).optional(),
});
export type UpdateConnectionInput = z.input<typeof updateConnectionInput>;

function integrationOrThrow(id: string): AnyIntegration {
  const integration = getIntegration(id);
  if (!integration) throw new AppError("BAD_REQUEST", `integration: "${id}" is not one of ${listIntegrations().map((i) => i.id).join(", ") || "(none)"}`);
  return integration;
}

function validConfig(integration: AnyIntegration, config: unknown): Record<string, unknown> {
  const parsed = integration.config.safeParse(config);
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstIssue("config", parsed.error));
  return parsed.data as Record<string, unknown>;
}

function validSecret(integration: AnyIntegration, secret: Record<string, string>): Record<string, unknown> {
  const parsed = integration.secret.safeParse(secret);
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstIssue("secret", parsed.error));
  return parsed.data as Record<string, unknown>;
}

const nonEmpty = (secret: Record<string, string> = {}) => Object.fromEntries(Object.entries(secret).filter(([, v]) => v !== ""));

async function assertNameFree(tx: DbOrTx, name: string, exceptId?: string) {
  const [taken] = await tx.select({ id: connections.id }).from(connections).where(eq(connections.name, name)).limit(1);
  if (taken && taken.id !== exceptId) throw new AppError("CONFLICT", `name: a connection named "${name}" already exists`);
}

export async function createConnection(tx: DbOrTx, actor: string, raw: CreateConnectionInput) {
  const input = createConnectionInput.parse(raw);
  const integration = integrationOrThrow(input.integration);
  const config = validConfig(integration, input.config);
  const secret = validSecret(integration, nonEmpty(input.secret));
  await assertNameFree(tx, input.name);
  const [row] = await tx
    .insert(connections)
    .values({ integration: integration.id, name: input.name, config, secretCiphertext: seal(JSON.stringify(secret)) })
    .returning({ id: connections.id });
  await appendAudit(tx, { actor, action: "connection.create", subject: `connection:${row!.id}`, data: { integration: integration.id, name: input.name, config, rotated: Object.keys(secret) } });
  return { id: row!.id };
}

export async function updateConnection(tx: DbOrTx, actor: string, raw: UpdateConnectionInput) {
  const input = updateConnectionInput.parse(raw);
  const [row] = await tx.select().from(connections).where(eq(connections.id, input.id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `connection ${input.id} does not exist`);
  const integration = integrationOrThrow(row.integration);
  const config = input.config ? validConfig(integration, input.config) : (row.config as Record<string, unknown>);
  const changedSecret = nonEmpty(input.secret);
  const stored = row.secretCiphertext ? (JSON.parse(open(row.secretCiphertext)) as Record<string, string>) : {};
  const secret = Object.keys(changedSecret).length ? validSecret(integration, { ...stored, ...changedSecret }) : null;
  if (input.name) await assertNameFree(tx, input.name, row.id);
  await tx
    .update(connections)
    .set({ name: input.name ?? row.name, config, ...(secret ? { secretCiphertext: seal(JSON.stringify(secret)) } : {}), updatedAt: new Date() })
    .where(eq(connections.id, row.id));
  await appendAudit(tx, { actor, action: "connection.update", subject: `connection:${row.id}`, data: { name: input.name ?? row.name, config, rotated: Object.keys(changedSecret) } });
  return { id: row.id };
}

export const setConnectionEnabledInput = z.object({ id: z.string().uuid(), enabled: z.boolean() });

export async function setConnectionEnabled(tx: DbOrTx, actor: string, raw: z.input<typeof setConnectionEnabledInput>) {
  const input = setConnectionEnabledInput.parse(raw);
  const [row] = await tx.update(connections).set({ enabled: input.enabled, updatedAt: new Date() }).where(eq(connections.id, input.id)).returning({ id: connections.id, name: connections.name });
  if (!row) throw new AppError("NOT_FOUND", `connection ${input.id} does not exist`);
  await appendAudit(tx, { actor, action: input.enabled ? "connection.enable" : "connection.disable", subject: `connection:${row.id}`, data: { name: row.name } });
  return { id: row.id, enabled: input.enabled };
}

/** Connections as admins see them: config, and the names of the credential fields that are set. */
export async function listConnections(db: DbOrTx) {
  const rows = await db.select().from(connections).orderBy(asc(connections.name));
  return rows.map(({ secretCiphertext, ...row }) => {
    const integration = getIntegration(row.integration);
    const setFields = secretCiphertext ? Object.keys(JSON.parse(open(secretCiphertext)) as Record<string, unknown>) : [];
    return { ...row, integrationTitle: integration?.title ?? row.integration, category: integration?.category ?? null, secretFieldsSet: setFields };
  });
}

/** The integrations an admin can add, with the fields of their forms. */
export function listIntegrationForms() {
  return listIntegrations().map((i) => ({
    id: i.id,
    title: i.title,
    category: i.category,
    description: i.description,
    configFields: formFields(i.config),
    secretFields: formFields(i.secret, { secret: true }),
    actions: Object.entries(i.actions).map(([name, a]) => ({ name, kind: a.kind, summary: a.summary })),
  }));
}
