// A small, safe path reader for vendor payloads: "$.a.b[0].c" or "a.b.0.c". Own properties only,
// so "__proto__" or "constructor" in a path can never reach Object.prototype.
export function readPath(value: unknown, path: string): unknown {
  const parts = path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/\[["']([^"']+)["']\]/g, ".$1")
    .split(".")
    .filter(Boolean);
  let current: unknown = value;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The first path that yields a non-empty value. */
export function firstOf(value: unknown, paths: readonly string[]): unknown {
  for (const p of paths) {
    const v = readPath(value, p);
    if (v !== undefined && v !== null && v !== "") return v;
  }
  return undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Parses a time given as ISO text, epoch seconds or epoch milliseconds. */
export function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value / 1000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (typeof value === "string" && value.trim()) {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return asDate(Number(value));
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
