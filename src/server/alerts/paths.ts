// Safe readers for vendor payloads: paths ("$.a.b[0].c" or "a.b.0.c"), flattened dotted keys
// ("kibana.alert.rule.name" stored as one key), typed coercions and the checks that turn a missing
// field into a ParseError naming it. Own properties only, so "__proto__" or "constructor" in a
// path or a payload can never reach Object.prototype.
import { ParseError } from "./types";

export type JsonRecord = Record<string, unknown>;

const own = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

function splitPath(path: string): string[] {
  return path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/\[["']([^"']+)["']\]/g, ".$1")
    .split(".")
    .filter(Boolean);
}

export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of splitPath(path)) {
    if (current === null || typeof current !== "object") return undefined;
    if (!own(current, part)) return undefined;
    current = (current as JsonRecord)[part];
  }
  return current;
}

/**
 * Like readPath, but a run of path segments may also be one flattened key: "kibana.alert.rule.name"
 * is found in {kibana: {alert: {rule: {name}}}}, {"kibana.alert.rule.name": ...} and any mix.
 * Longer keys are tried first; the segment count bounds the work (n² key lookups at most).
 */
export function readDotted(value: unknown, path: string): unknown {
  return readParts(value, splitPath(path));
}

function readParts(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return value;
  if (value === null || typeof value !== "object") return undefined;
  for (let n = parts.length; n >= 1; n--) {
    const key = parts.slice(0, n).join(".");
    if (!own(value, key)) continue;
    const found = readParts((value as JsonRecord)[key], parts.slice(n));
    if (found !== undefined) return found;
  }
  return undefined;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/** The first path that yields a non-empty value. */
export function firstOf(value: unknown, paths: readonly string[]): unknown {
  for (const p of paths) {
    const v = readPath(value, p);
    if (present(v)) return v;
  }
  return undefined;
}

/** firstOf with flattened dotted keys allowed (see readDotted). */
export function firstDotted(value: unknown, paths: readonly string[]): unknown {
  for (const p of paths) {
    const v = readDotted(value, p);
    if (present(v)) return v;
  }
  return undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An array as is, a single value as a one-element array, nothing as []. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** Only the elements that are objects (vendor arrays sometimes carry nulls or strings). */
export function recordsOf(value: unknown): JsonRecord[] {
  return asArray(value).filter(isRecord);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text that Postgres can store: NUL (which text and jsonb reject) and lone surrogates (which UTF-8
 * cannot encode) become U+FFFD. Everything else, homoglyphs and bidi controls included, is kept.
 */
export function cleanText(value: string): string {
  return value.replaceAll("\u0000", "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}

/** A trimmed, storable string cut to `max` characters, or undefined when empty or not text. */
export function textOf(value: unknown, max = 100_000): string | undefined {
  const s = asString(value)?.trim();
  return s ? cleanText(s).slice(0, max) : undefined;
}

/** Parses a time given as ISO text (also "+0200" offsets and "YYYY-MM-DD hh:mm:ss" as UTC), epoch s/ms/µs. */
export function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) {
    if (value <= 0) return undefined;
    const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value / 1000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (typeof value === "string" && value.trim()) {
    const s = value.trim();
    if (/^\d+(\.\d+)?$/.test(s)) return asDate(Number(s));
    const iso = s
      .replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, "$1T$2")
      .replace(/([+-]\d{2})(\d{2})$/, "$1:$2")
      .replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/, "$1Z");
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** The earliest valid date among the values, if any. */
export function earliestDate(values: readonly unknown[]): Date | undefined {
  let best: Date | undefined;
  for (const v of values) {
    const d = asDate(v);
    if (d && (!best || d < best)) best = d;
  }
  return best;
}

// ---- checks that fail with a message naming the field ----

export function requireRecord(value: unknown, field: string): JsonRecord {
  if (!isRecord(value)) throw new ParseError(`${field}: expected a JSON object, got ${describe(value)}`);
  return value;
}

export function requireText(value: unknown, field: string, max = 1000): string {
  const s = textOf(value, max);
  if (!s) throw new ParseError(`${field}: missing or empty (expected text)`);
  return s;
}

export function requireDate(value: unknown, field: string): Date {
  const d = asDate(value);
  if (!d) throw new ParseError(`${field}: ${value === undefined ? "missing" : `${quote(value)} is not a date`}`);
  return d;
}

/** A value quoted for an error message: cut short, with NUL and lone surrogates escaped. */
export function quote(value: unknown): string {
  return JSON.stringify(String(value).slice(0, 40));
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
