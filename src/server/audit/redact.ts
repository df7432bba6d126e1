// Removes secrets before data reaches the audit trail, a step journal shown to users, or a log
// line: values under secret-looking keys at any depth, and credentials with a recognisable shape
// inside any string (a URL's password, an Authorization value, Vigil's own source tokens).
// Only plain objects and arrays are walked; Errors, Dates and Buffers are left to their owners
// (the logger redacts errors through its serializer).
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|private[-_]?key|authorization|cookie|credential/i;

const SECRET_SHAPES: [RegExp, string][] = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]+@/gi, "$1[redacted]@"], // scheme://user:password@host
  [/\b(Bearer|Basic|Token|SSWS)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]"], // Authorization values
  [/\bvgl_[A-Za-z0-9_-]{16,}/g, "[redacted]"], // alert source secrets (intake/sources.ts)
];

export const REDACTED = "[redacted]";

export function redactString(value: string): string {
  let out = value;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function redactSecrets<T>(value: T, depth = 0): T {
  if (typeof value === "string") return redactString(value) as T;
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}
