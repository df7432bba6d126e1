// Alert sources: creation and secret rotation (the secret is returned once, then only stored
// sealed), settings changes, listing and lookup by slug. Every change is audited, never the secret.
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources } from "../db/schema";
import { AppError } from "../errors";
import { seal } from "../secrets/envelope";
import { appendAudit } from "../audit/append";
import { SOURCE_PARSERS } from "../alerts/sources";
import { parseGenericMapping } from "../alerts/sources/generic";
import { invalidateIntakeConfig } from "./config-cache";

export const SOURCE_AUTH_MODES = ["token", "hmac", "okta"] as const;

/** Parser kinds a source can use: every registered vendor parser, and "auto" (detect per payload). */
export function sourceKinds(): { kind: string; label: string }[] {
  return [{ kind: "auto", label: "Detect from payload" }, ...SOURCE_PARSERS.map((p) => ({ kind: p.kind, label: p.label }))];
}

const kindSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((k) => sourceKinds().some((s) => s.kind === k), { error: (issue) => `unknown kind "${String(issue.input)}"; one of ${sourceKinds().map((s) => s.kind).join(", ")}` });

const sourceSettings = {
  name: z.string().trim().min(1).max(200),
  kind: kindSchema,
  auth: z.enum(SOURCE_AUTH_MODES),
  enabled: z.boolean(),
  /** Generic sources: field mapping, e.g. { "title": "$.rule.name", "observables": { "ip": ["$.src"] } }. */
  mapping: z.record(z.string(), z.unknown()).nullable(),
  /** Requests per minute; null: the VIGIL_SOURCE_RATE_LIMIT_PER_MINUTE default. */
  rateLimitPerMinute: z.number().int().min(1).max(10_000_000).nullable(),
};

export const createSourceInput = z.object({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "slug must be lowercase letters, digits and dashes"),
  name: sourceSettings.name.optional(),
  kind: sourceSettings.kind.default("generic"),
  auth: sourceSettings.auth.default("token"),
  enabled: sourceSettings.enabled.default(true),
  mapping: sourceSettings.mapping.optional(),
  rateLimitPerMinute: sourceSettings.rateLimitPerMinute.optional(),
});
export type CreateSourceInput = z.input<typeof createSourceInput>;

export const updateSourceInput = z.object({ id: z.string().uuid(), ...sourceSettings }).partial({ name: true, kind: true, auth: true, enabled: true, mapping: true, rateLimitPerMinute: true });
export type UpdateSourceInput = z.input<typeof updateSourceInput>;

export function generateSourceSecret(): string {
  return `vgl_${randomBytes(24).toString("base64url")}`;
}

/** A generic source's mapping must parse now, not fail on every alert later. */
function checkMapping(kind: string, mapping: Record<string, unknown> | null | undefined): void {
  if (!mapping) return;
  if (kind !== "generic") throw new AppError("BAD_REQUEST", `mapping: only generic sources use a field mapping (this source is "${kind}")`);
  try {
    parseGenericMapping(mapping);
  } catch (e) {
    throw new AppError("BAD_REQUEST", (e as Error).message, { cause: e });
  }
}

export async function createSource(tx: DbOrTx, actor: string, raw: CreateSourceInput) {
  const input = createSourceInput.parse(raw);
  checkMapping(input.kind, input.mapping);
  const existing = await tx.select({ id: alertSources.id }).from(alertSources).where(eq(alertSources.slug, input.slug)).limit(1);
  if (existing.length) throw new AppError("CONFLICT", `an alert source with slug "${input.slug}" already exists`);
  const secret = generateSourceSecret();
  const [source] = await tx
    .insert(alertSources)
    .values({ ...input, name: input.name ?? input.slug, mapping: input.mapping ?? null, rateLimitPerMinute: input.rateLimitPerMinute ?? null, secretCiphertext: seal(secret) })
    .returning({ id: alertSources.id, slug: alertSources.slug, kind: alertSources.kind, auth: alertSources.auth });
  await appendAudit(tx, { actor, action: "source.create", subject: `source:${source!.id}`, data: { slug: input.slug, kind: input.kind, auth: input.auth } });
  return { ...source!, secret };
}

export async function updateSource(tx: DbOrTx, actor: string, raw: UpdateSourceInput) {
  const { id, ...changes } = updateSourceInput.parse(raw);
  const [current] = await tx.select().from(alertSources).where(eq(alertSources.id, id)).for("update");
  if (!current) throw new AppError("NOT_FOUND", `alert source ${id} not found`);
  checkMapping(changes.kind ?? current.kind, changes.mapping === undefined ? current.mapping : changes.mapping);
  await tx.update(alertSources).set({ ...changes, updatedAt: new Date() }).where(eq(alertSources.id, id));
  invalidateIntakeConfig();
  await appendAudit(tx, { actor, action: "source.update", subject: `source:${id}`, data: { slug: current.slug, ...changes } });
  return { id, slug: current.slug };
}

/** A new secret replaces the old one at once; it is returned here and never again. */
export async function rotateSourceSecret(tx: DbOrTx, actor: string, ref: { id?: string; slug?: string }) {
  const where = ref.id ? eq(alertSources.id, ref.id) : ref.slug ? eq(alertSources.slug, ref.slug) : undefined;
  if (!where) throw new AppError("BAD_REQUEST", "say which source: id or slug");
  const secret = generateSourceSecret();
  const [source] = await tx
    .update(alertSources)
    .set({ secretCiphertext: seal(secret), secretRotatedAt: new Date(), updatedAt: new Date() })
    .where(where)
    .returning({ id: alertSources.id, slug: alertSources.slug, auth: alertSources.auth });
  if (!source) throw new AppError("NOT_FOUND", `alert source ${ref.slug ?? ref.id} not found`);
  invalidateIntakeConfig();
  await appendAudit(tx, { actor, action: "source.rotate_secret", subject: `source:${source.id}`, data: { slug: source.slug } });
  return { ...source, secret };
}

/** Sources without their secret, for the settings page. */
export async function listSources(db: DbOrTx) {
  return db
    .select({
      id: alertSources.id,
      slug: alertSources.slug,
      name: alertSources.name,
      kind: alertSources.kind,
      auth: alertSources.auth,
      enabled: alertSources.enabled,
      mapping: alertSources.mapping,
      rateLimitPerMinute: alertSources.rateLimitPerMinute,
      secretRotatedAt: alertSources.secretRotatedAt,
      createdAt: alertSources.createdAt,
    })
    .from(alertSources)
    .orderBy(asc(alertSources.slug));
}

export async function findSourceBySlug(db: DbOrTx, slug: string) {
  const [source] = await db.select().from(alertSources).where(eq(alertSources.slug, slug)).limit(1);
  return source;
}
