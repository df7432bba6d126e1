// Turns an integration's zod config/secret schema into the fields of the connection form, so a
// new system gets its form from its schema.ts alone. Labels and help come from .meta({ title,
// description }); .meta({ format: "lines" | "textarea" }) picks the widget.
import { z } from "zod";

export type FieldType = "text" | "url" | "password" | "textarea" | "lines" | "boolean" | "number" | "select";

export interface FormField {
  /** Dot path into the config object: "url", "guardrails.protectedGroups". */
  key: string;
  label: string;
  description?: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  default?: unknown;
  /** Title of the nested object the field belongs to ("Guardrails"), for a fieldset. */
  group?: string;
}

interface JsonSchemaNode {
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  anyOf?: JsonSchemaNode[];
}

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

function fieldType(node: JsonSchemaNode, secret: boolean): FieldType {
  if (secret) return node.format === "textarea" ? "textarea" : "password";
  if (node.enum) return "select";
  if (node.format === "lines" || node.type === "array") return "lines";
  if (node.format === "textarea") return "textarea";
  if (node.type === "boolean") return "boolean";
  if (node.type === "integer" || node.type === "number") return "number";
  if (node.format === "uri") return "url";
  return "text";
}

function walk(node: JsonSchemaNode, secret: boolean, prefix: string, group: string | undefined, parentDefault: Record<string, unknown> | undefined): FormField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([key, raw]): FormField[] => {
    const branch = raw.anyOf?.find((n) => n.type !== "null") ?? raw;
    const child = { ...branch, format: raw.format ?? branch.format };
    const path = prefix ? `${prefix}.${key}` : key;
    const fallback = parentDefault?.[key] ?? raw.default ?? child.default;
    if (child.type === "object" && child.properties)
      return walk(child, secret, path, raw.title ?? child.title ?? humanize(key), (fallback as Record<string, unknown> | undefined) ?? undefined);
    return [
      {
        key: path,
        label: raw.title ?? child.title ?? humanize(key),
        description: raw.description ?? child.description,
        type: fieldType(child, secret),
        required: required.has(key) && fallback === undefined,
        options: child.enum?.map(String),
        default: fallback,
        group,
      },
    ];
  });
}

/** The form fields of a config or secret schema. */
export function formFields(schema: z.ZodType, options: { secret?: boolean } = {}): FormField[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  return walk(json, options.secret ?? false, "", undefined, undefined);
}
