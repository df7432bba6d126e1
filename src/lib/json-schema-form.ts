// Builds a form from a playbook's manual-run input schema (JSON Schema as produced by
// z.toJSONSchema) and turns the form's strings back into typed input. The server validates again
// with the playbook's zod schema; this side only gives early, field-named feedback.

export type FieldKind = "text" | "number" | "integer" | "boolean" | "enum" | "list" | "json";

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  format?: string;
  defaultValue?: unknown;
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; description?: string; title?: string; format?: string; default?: unknown };

/** Words shown in capitals in labels ("src_ip" reads "Src IP", not "Src ip"). */
const ACRONYMS = new Set(["ip", "id", "url", "uri", "dns", "mfa", "sso", "ssh", "api", "mac", "md5", "sha1", "sha256"]);

const humanize = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .replace(/\b[a-z0-9]+\b/gi, (w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w))
    .replace(/^./, (c) => c.toUpperCase());

function kindOf(s: Schema): FieldKind {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (s.enum && s.enum.every((v) => typeof v === "string")) return "enum";
  if (type === "string") return "text";
  if (type === "integer") return "integer";
  if (type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "array" && s.items && (s.items.type === "string" || s.items.type === "number")) return "list";
  return "json";
}

export function fieldsFromSchema(schema: unknown): FieldSpec[] {
  const s = (schema ?? {}) as Schema;
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    label: prop.title ?? humanize(name),
    kind: kindOf(prop),
    required: required.has(name),
    ...(prop.description ? { description: prop.description } : {}),
    ...(prop.enum ? { options: prop.enum.map(String) } : {}),
    ...(prop.format ? { format: prop.format } : {}),
    ...(prop.default !== undefined ? { defaultValue: prop.default } : {}),
  }));
}

/** Initial form values: defaults, as the strings/booleans the inputs hold. */
export function initialValues(fields: FieldSpec[]): Record<string, string | boolean> {
  return Object.fromEntries(
    fields.map((f) => {
      const d = f.defaultValue;
      if (f.kind === "boolean") return [f.name, d === true];
      if (d === undefined) return [f.name, ""];
      if (f.kind === "list" && Array.isArray(d)) return [f.name, d.join("\n")];
      if (f.kind === "json") return [f.name, JSON.stringify(d, null, 2)];
      return [f.name, String(d)];
    }),
  );
}

export type FormResult = { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

function convert(f: FieldSpec, raw: string): { value?: unknown; error?: string } {
  switch (f.kind) {
    case "number":
    case "integer": {
      const n = Number(raw);
      if (!Number.isFinite(n)) return { error: `${f.label} must be a number` };
      if (f.kind === "integer" && !Number.isInteger(n)) return { error: `${f.label} must be a whole number` };
      return { value: n };
    }
    case "list":
      return { value: raw.split(/[\n,]/).map((v) => v.trim()).filter(Boolean) };
    case "json":
      try {
        return { value: JSON.parse(raw) };
      } catch {
        return { error: `${f.label} must be valid JSON` };
      }
    case "enum":
      return f.options?.includes(raw) ? { value: raw } : { error: `${f.label} must be one of ${f.options?.join(", ")}` };
    default:
      return { value: raw };
  }
}

export function valuesToInput(fields: FieldSpec[], values: Record<string, string | boolean | undefined>): FormResult {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === "boolean") {
      input[f.name] = v === true;
      continue;
    }
    const raw = typeof v === "string" ? v.trim() : "";
    if (raw === "") {
      if (f.required) errors[f.name] = `${f.label} is required`;
      continue;
    }
    const { value, error } = convert(f, raw);
    if (error) errors[f.name] = error;
    else input[f.name] = value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}
