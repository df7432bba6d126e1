// One input of a form generated from a zod schema (see server/integrations/form-fields.ts):
// a labelled text/url/password/number input, textarea, one-per-line list, checkbox or select.
import type { FormField } from "@/server/integrations/form-fields";

const input = "w-full rounded-md border border-slate-300 bg-transparent px-3 py-1.5 text-sm outline-none focus:border-emerald-500 dark:border-slate-700";

export function SchemaField({
  field,
  value,
  onChange,
  placeholder,
}: {
  field: FormField;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  placeholder?: string;
}) {
  const id = `field-${field.key.replace(/\W/g, "-")}`;
  const help = field.description ? `${id}-help` : undefined;
  const label = (
    <label htmlFor={id} className="mb-1 block text-slate-700 dark:text-slate-300">
      {field.label}
      {field.required && <span className="text-red-500" aria-hidden> *</span>}
    </label>
  );
  const description = field.description && (
    <span id={help} className="mt-1 block text-xs text-slate-500">
      {field.description}
    </span>
  );
  if (field.type === "boolean")
    return (
      <div className="flex items-start gap-2 text-sm">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={help} className="mt-1" />
        <span>
          <label htmlFor={id} className="text-slate-700 dark:text-slate-300">
            {field.label}
          </label>
          {description}
        </span>
      </div>
    );
  const common = { id, name: field.key, "aria-describedby": help, className: input, value: String(value), placeholder };
  return (
    <div className="text-sm">
      {label}
      {field.type === "select" ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : field.type === "textarea" || field.type === "lines" ? (
        <textarea {...common} rows={field.type === "lines" ? 4 : 5} spellCheck={false} onChange={(e) => onChange(e.target.value)} className={`${input} font-mono text-xs`} />
      ) : (
        <input
          {...common}
          type={field.type === "password" ? "password" : field.type === "number" ? "number" : field.type === "url" ? "url" : "text"}
          autoComplete={field.type === "password" ? "new-password" : "off"}
          required={field.required && !placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {description}
    </div>
  );
}
