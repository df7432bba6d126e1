// Makes strings storable in Postgres without changing anything Postgres accepts. text and jsonb
// refuse NUL, and jsonb refuses lone UTF-16 surrogates; those (and only those) are escaped as the
// visible text "\u0000" / "\ud800". Everything else (homoglyphs, RTL marks, zero-width characters)
// is kept verbatim. The caller keeps the original bytes when anything was escaped.

// NUL is exactly what we look for here, hence the control character in the patterns.
// eslint-disable-next-line no-control-regex
const MAYBE_UNSAFE = /[\u0000\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeChar = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** The string with NUL and lone surrogates escaped; the same string when it has none. */
export function pgSafeString(value: string): string {
  if (!MAYBE_UNSAFE.test(value)) return value;
  return value.replace(UNSAFE, escapeChar);
}

export interface PgSafe<T> {
  value: T;
  /** Whether anything had to be escaped. */
  changed: boolean;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype; defineProperty makes an own key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function safeObject(value: Record<string, unknown>): PgSafe<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  const entries = Object.keys(value);
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]!;
    const safeKey = pgSafeString(key);
    const child = pgSafeJson(value[key]);
    if (!out && (safeKey !== key || child.changed)) {
      out = {};
      for (let j = 0; j < i; j++) defineOwn(out, entries[j]!, value[entries[j]!]);
    }
    if (out) defineOwn(out, safeKey, child.value);
  }
  return out ? { value: out, changed: true } : { value, changed: false };
}

/**
 * A copy of a JSON value (as produced by JSON.parse) that Postgres accepts as jsonb. Unchanged
 * subtrees are shared, not copied, so the common case costs one walk and no allocation.
 */
export function pgSafeJson<T>(value: T): PgSafe<T> {
  if (typeof value === "string") {
    const safe = pgSafeString(value);
    return { value: safe as T, changed: safe !== value };
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = pgSafeJson(value[i]);
      if (child.changed && !out) out = value.slice(0, i);
      if (out) out.push(child.value);
    }
    return out ? { value: out as T, changed: true } : { value, changed: false };
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const result = safeObject(value as Record<string, unknown>);
    return result as PgSafe<T>;
  }
  return { value, changed: false };
}
