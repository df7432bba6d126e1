"use client";
// A form generated from a JSON Schema object (a playbook's manual-run input): one labelled
// control per property, with required marks, descriptions as hints and per-field errors.
import { Checkbox, Field, Input, Select, Textarea } from "./form";
import type { FieldSpec } from "@/lib/json-schema-form";

const INPUT_TYPE: Record<string, string> = { email: "email", uri: "url", url: "url", "date-time": "datetime-local", date: "date" };

export function JsonSchemaFields({ fields, values, errors, onChange }: { fields: FieldSpec[]; values: Record<string, string | boolean>; errors: Record<string, string>; onChange: (name: string, value: string | boolean) => void }) {
  return (
    <div className="space-y-3">
      {fields.map((f) =>
        f.kind === "boolean" ? (
          <Checkbox key={f.name} label={f.label} checked={values[f.name] === true} onChange={(e) => onChange(f.name, e.target.checked)} />
        ) : (
          <Field key={f.name} label={f.label} required={f.required} error={errors[f.name]} hint={f.kind === "list" ? `${f.description ? `${f.description}. ` : ""}One per line or comma-separated.` : f.description}>
            {({ id, describedBy, invalid }) => {
              const common = { id, name: f.name, "aria-describedby": describedBy, "aria-invalid": invalid, required: f.required, value: String(values[f.name] ?? "") };
              if (f.kind === "enum")
                return (
                  <Select {...common} onChange={(e) => onChange(f.name, e.target.value)}>
                    <option value="">Choose…</option>
                    {f.options?.map((o) => (
                      <option key={o} value={o}>{o}</option>
                    ))}
                  </Select>
                );
              if (f.kind === "list" || f.kind === "json") return <Textarea {...common} className="font-mono" onChange={(e) => onChange(f.name, e.target.value)} />;
              const type = f.kind === "number" || f.kind === "integer" ? "number" : (INPUT_TYPE[f.format ?? ""] ?? "text");
              return <Input {...common} type={type} step={f.kind === "integer" ? 1 : "any"} onChange={(e) => onChange(f.name, e.target.value)} />;
            }}
          </Field>
        ),
      )}
    </div>
  );
}
