"use client";
// The parser-kind dropdown of the source forms.
import { Field, inputClass } from "../ui";

export function KindSelect({ kinds, value, onChange }: { kinds: { kind: string; label: string }[]; value: string; onChange: (kind: string) => void }) {
  return (
    <Field label="Kind">
      <select value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
