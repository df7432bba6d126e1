// Small readers for vendor payloads. Every failure is a ParseError whose message starts with the
// field path, so the sender (or the admin reading ingest failures) knows exactly what to fix.
import { asDate, readPath } from "./paths";
import { ParseError } from "./types";

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A trimmed non-empty string at `path`, or undefined. Numbers are accepted as their text. */
export function optionalText(value: unknown, path: string): string | undefined {
  const v = readPath(value, path);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t ? t : undefined;
}

/** Like optionalText, but a missing value is a ParseError naming `label` (default: the path). */
export function requireText(value: unknown, path: string, label = path): string {
  const v = optionalText(value, path);
  if (v === undefined) throw new ParseError(`${label}: missing or empty`);
  return v;
}

/** A time at `path` (ISO text, epoch s or ms); undefined when absent, ParseError when unreadable. */
export function optionalTime(value: unknown, path: string, label = path): Date | undefined {
  const raw = readPath(value, path);
  if (raw === undefined || raw === null || raw === "") return undefined;
  const date = asDate(raw);
  if (!date) throw new ParseError(`${label}: "${String(raw).slice(0, 60)}" is not a time`);
  return date;
}

/** The first time found among `paths`; a ParseError naming them all when none is present. */
export function requireTime(value: unknown, paths: readonly string[], label = paths.join(" or ")): Date {
  for (const p of paths) {
    const d = optionalTime(value, p);
    if (d) return d;
  }
  throw new ParseError(`${label}: missing; it says when the activity happened`);
}

/** An array at `path` ([] when absent); a ParseError when present but not an array. */
export function arrayAt(value: unknown, path: string, label = path): unknown[] {
  const v = readPath(value, path);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ParseError(`${label}: expected an array`);
  return v;
}

/** Template placeholders a sender forgot to fill ("$SECURITY_SIGNAL_ID", "{{rule.name}}") count as absent. */
export function unfilled(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^\$[A-Z0-9_]+$|^\{\{.*\}\}$/.test(value) ? undefined : value;
}
