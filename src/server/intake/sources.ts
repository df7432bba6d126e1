// Alert sources: creation (the secret is returned once), lookup by slug, secret rotation.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources } from "../db/schema";
import { AppError } from "../errors";
import { seal } from "../secrets/envelope";
import { appendAudit } from "../audit/append";

export const SOURCE_AUTH_MODES = ["token", "hmac", "okta"] as const;

export const createSourceInput = z.object({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "slug must be lowercase letters, digits and dashes"),
  name: z.string().trim().min(1).max(200).optional(),
  kind: z.string().trim().min(1).max(50).default("generic"),
  auth: z.enum(SOURCE_AUTH_MODES).default("token"),
  mapping: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type CreateSourceInput = z.input<typeof createSourceInput>;

export function generateSourceSecret(): string {
  return `vgl_${randomBytes(24).toString("base64url")}`;
}

export async function createSource(tx: DbOrTx, actor: string, raw: CreateSourceInput) {
  const input = createSourceInput.parse(raw);
  const existing = await tx.select({ id: alertSources.id }).from(alertSources).where(eq(alertSources.slug, input.slug)).limit(1);
  if (existing.length) throw new AppError("CONFLICT", `an alert source with slug "${input.slug}" already exists`);
  const secret = generateSourceSecret();
  const [source] = await tx
    .insert(alertSources)
    .values({ slug: input.slug, name: input.name ?? input.slug, kind: input.kind, auth: input.auth, mapping: input.mapping ?? null, secretCiphertext: seal(secret) })
    .returning({ id: alertSources.id, slug: alertSources.slug, kind: alertSources.kind, auth: alertSources.auth });
  await appendAudit(tx, { actor, action: "source.create", subject: `source:${source!.id}`, data: { slug: input.slug, kind: input.kind, auth: input.auth } });
  return { ...source!, secret };
}

export async function findSourceBySlug(db: DbOrTx, slug: string) {
  const [source] = await db.select().from(alertSources).where(eq(alertSources.slug, slug)).limit(1);
  return source;
}
