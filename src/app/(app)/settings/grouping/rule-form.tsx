"use client";
// Create/edit form of one grouping rule.
import { useState } from "react";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "../ui";

export const OBSERVABLE_TYPES = ["user", "host", "ip", "email", "domain", "url", "sha256", "sha1", "md5"] as const;
type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export interface RuleValues {
  name: string;
  priority: number;
  enabled: boolean;
  config: { sources: string[]; sameSource: boolean; sameRule: boolean; observableTypes: ObservableType[]; requireObservable: boolean; windowMinutes: number };
}

export const NEW_RULE: RuleValues = {
  name: "",
  priority: 50,
  enabled: true,
  config: { sources: [], sameSource: true, sameRule: true, observableTypes: [...OBSERVABLE_TYPES], requireObservable: true, windowMinutes: 60 },
};

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

export function RuleForm({ initial, pending, onSave, onCancel }: { initial: RuleValues; pending: boolean; onSave: (v: RuleValues) => void; onCancel?: () => void }) {
  const [v, setV] = useState(initial);
  const [sources, setSources] = useState(initial.config.sources.join(", "));
  const [types, setTypes] = useState(initial.config.observableTypes.join(", "));
  const set = <K extends keyof RuleValues["config"]>(key: K, value: RuleValues["config"][K]) => setV({ ...v, config: { ...v.config, [key]: value } });
  return (
    <form
      className="grid gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ ...v, config: { ...v.config, sources: list(sources), observableTypes: list(types) as ObservableType[] } });
      }}
    >
      <Field label="Name">
        <input required value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} className={inputClass} />
      </Field>
      <Field label="Priority" hint="Lower is tried first">
        <input type="number" min={0} value={v.priority} onChange={(e) => setV({ ...v, priority: Number(e.target.value) })} className={inputClass} />
      </Field>
      <Field label="Window (minutes)" hint="After a case's last alert">
        <input type="number" min={1} value={v.config.windowMinutes} onChange={(e) => set("windowMinutes", Number(e.target.value))} className={inputClass} />
      </Field>
      <Field label="Sources" hint="Slugs, comma-separated; empty: all">
        <input value={sources} onChange={(e) => setSources(e.target.value)} className={inputClass} />
      </Field>
      <div className="md:col-span-2">
        <Field label="Principal observable types, in order of preference">
          <input value={types} onChange={(e) => setTypes(e.target.value)} className={`${inputClass} font-mono`} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm md:col-span-2">
        <label className="flex items-center gap-2"><input type="checkbox" checked={v.config.sameSource} onChange={(e) => set("sameSource", e.target.checked)} /> same source</label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={v.config.sameRule} onChange={(e) => set("sameRule", e.target.checked)} /> same detection rule</label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={v.config.requireObservable} onChange={(e) => set("requireObservable", e.target.checked)} /> needs an observable</label>
      </div>
      <div className="flex gap-2 md:col-span-4">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? "Saving…" : "Save rule"}</button>
        {onCancel && <button type="button" onClick={onCancel} className={secondaryButtonClass}>Cancel</button>}
      </div>
    </form>
  );
}
