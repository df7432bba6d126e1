// Removes a connection's own credentials from an error before anyone stores, logs or shows it.
// Services sometimes quote what they were sent ("Invalid token provided: SSWS 00ab…"), and pattern
// redaction (audit/redact.ts) cannot know every vendor's format; the exact values can be removed.
import type { OpenConnection } from "./open-connection";

const REDACTED = "[redacted]";
/** Shorter values would blank out ordinary words; real credentials are longer. */
const MIN_SECRET_LENGTH = 6;

function secretForms(secret: Record<string, unknown>): string[] {
  const forms = new Set<string>();
  for (const value of Object.values(secret)) {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(Buffer.from(value).toString("base64"));
    forms.add(Buffer.from(value).toString("base64url"));
    forms.add(encodeURIComponent(value));
  }
  // Longest first, so a value containing another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function scrubString(text: string, forms: string[]): string {
  let out = text;
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
  return out;
}

/** Rewrites the message, stack, string properties and causes of `error` in place; returns it. */
export function scrubConnectionSecrets<E>(error: E, connection: Pick<OpenConnection, "secret">): E {
  const forms = secretForms(connection.secret);
  if (forms.length === 0) return error;
  const seen = new Set<object>();
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== "object" || seen.has(e) || depth > 5) return;
    seen.add(e);
    const record = e as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(e)) {
      const value = record[key];
      if (typeof value === "string") {
        const clean = scrubString(value, forms);
        if (clean !== value) {
          try {
            record[key] = clean;
          } catch {
            /* read-only property: nothing we can do */
          }
        }
      } else if (value && typeof value === "object") visit(value, depth + 1);
    }
  };
  visit(error, 0);
  return error;
}
