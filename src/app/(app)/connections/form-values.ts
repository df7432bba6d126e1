// The connection form's values <-> the config and credentials sent to the server. Pure, so the
// mapping (dot paths, one-per-line lists, numbers, write-only secrets) is unit-tested.
import type { FormField } from "@/server/integrations/form-fields";

export type FormValues = Record<string, string | boolean>;

function getPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = obj;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** Form values from a stored config (editing) or the fields' defaults (adding). */
export function initialValues(fields: FormField[], config?: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    fields.map((f) => {
      const v = (config ? getPath(config, f.key) : undefined) ?? f.default;
      if (f.type === "boolean") return [f.key, v === true];
      if (f.type === "lines") return [f.key, Array.isArray(v) ? v.join("\n") : ""];
      return [f.key, v === undefined || v === null ? "" : String(v)];
    }),
  );
}

/** The config object to send: empty optional inputs are left out, lists split by line. */
export function toConfig(fields: FormField[], values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === "boolean") setPath(config, f.key, v === true);
    else if (f.type === "lines")
      setPath(
        config,
        f.key,
        String(v ?? "")
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      );
    else if (typeof v === "string" && v.trim() !== "") setPath(config, f.key, f.type === "number" ? Number(v) : v.trim());
  }
  return config;
}

/** Credentials to send: only what was typed (empty = keep the stored value when editing). */
export function toSecret(fields: FormField[], values: FormValues): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, String(values[f.key] ?? "")]).filter(([, v]) => v !== ""));
}
