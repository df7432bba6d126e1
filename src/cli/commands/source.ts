// `vigil source add` and `vigil source rotate`: create an alert source or replace its secret, and
// print the secret once with how to configure the sender for the source's auth mode.
import fs from "node:fs";
import { publicUrl } from "../../server/env";
import { createSource, rotateSourceSecret } from "../../server/intake/sources";
import { SIGNATURE_HEADER } from "../../server/intake/hmac-auth";
import { withDb } from "./admin";

export interface SourceAddOptions {
  slug: string;
  kind: string;
  auth: string;
  name?: string;
  mapping?: string;
  rateLimit?: string;
  disabled?: boolean;
}

/** --mapping takes JSON, or @file with JSON in it. */
function readMapping(value: string | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  const text = value.startsWith("@") ? fs.readFileSync(value.slice(1), "utf8") : value;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`--mapping is not valid JSON: ${(e as Error).message}`);
  }
}

function senderHelp(auth: string, slug: string, secret: string): string[] {
  const url = `${publicUrl()}/api/webhooks/${slug}`;
  if (auth === "okta")
    return [
      `Okta: Workflow > Event Hooks > Create Event Hook: URL ${url}, authentication field "Authorization",`,
      "authentication secret: the secret above. Okta's verification request is answered automatically.",
    ];
  if (auth === "hmac")
    return [
      `sign each request: ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
      `  t=$(date +%s); sig=$(printf '%s.%s' "$t" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)`,
      `  curl -X POST ${url} -H "${SIGNATURE_HEADER}: t=$t,v1=$sig" -H "Content-Type: application/json" -d "$BODY"`,
    ];
  return [`curl -X POST ${url} -H "Authorization: Bearer ${secret}" -H "Content-Type: application/json" -d '{"title":"test alert"}'`];
}

export async function sourceAddCommand(opts: SourceAddOptions): Promise<void> {
  const rateLimit = opts.rateLimit === undefined ? undefined : Number(opts.rateLimit);
  if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit >= 1)) throw new Error("--rate-limit must be a whole number of requests per minute");
  const source = await withDb((db) =>
    db.transaction((tx) =>
      createSource(tx, "cli", {
        slug: opts.slug,
        kind: opts.kind,
        auth: opts.auth as "token",
        name: opts.name,
        mapping: readMapping(opts.mapping),
        rateLimitPerMinute: rateLimit,
        enabled: !opts.disabled,
      }),
    ),
  );
  console.log(`created alert source "${source.slug}" (${source.kind}, auth ${source.auth})`);
  console.log(`webhook: POST /api/webhooks/${source.slug}`);
  console.log(`secret (shown once): ${source.secret}`);
  for (const line of senderHelp(source.auth, source.slug, source.secret)) console.log(line);
}

export async function sourceRotateCommand(opts: { slug: string }): Promise<void> {
  const source = await withDb((db) => db.transaction((tx) => rotateSourceSecret(tx, "cli", { slug: opts.slug })));
  console.log(`rotated the secret of "${source.slug}"; the old secret no longer works`);
  console.log(`secret (shown once): ${source.secret}`);
  for (const line of senderHelp(source.auth, source.slug, source.secret)) console.log(line);
}
