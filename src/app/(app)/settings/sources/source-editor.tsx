"use client";
// Edits one source's settings: name, kind, rate limit and (generic sources) the field mapping.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { KindSelect } from "./kind-select";
import { buttonClass, ErrorText, Field, inputClass, secondaryButtonClass } from "../ui";

export interface SourceRow {
  id: string;
  slug: string;
  name: string;
  kind: string;
  auth: string;
  enabled: boolean;
  mapping: Record<string, unknown> | null;
  rateLimitPerMinute: number | null;
}

const MAPPING_EXAMPLE = `{
  "title": "$.rule.name",
  "severity": "$.level",
  "externalId": "$.event_id",
  "observables": { "ip": ["$.src", "$.dst"], "user": ["$.account"] }
}`;

export function SourceEditor({ source, kinds, onClose }: { source: SourceRow; kinds: { kind: string; label: string }[]; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(source.name);
  const [kind, setKind] = useState(source.kind);
  const [rate, setRate] = useState(source.rateLimitPerMinute?.toString() ?? "");
  const [mapping, setMapping] = useState(source.mapping ? JSON.stringify(source.mapping, null, 2) : "");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const update = useMutation(
    trpc.sources.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
        onClose();
      },
    }),
  );
  function save() {
    let parsed: Record<string, unknown> | null = null;
    if (kind === "generic" && mapping.trim()) {
      try {
        parsed = JSON.parse(mapping) as Record<string, unknown>;
      } catch (e) {
        return setJsonError(`mapping is not valid JSON: ${(e as Error).message}`);
      }
    }
    setJsonError(null);
    update.mutate({ id: source.id, name, kind, rateLimitPerMinute: rate.trim() ? Number(rate) : null, mapping: parsed });
  }
  return (
    <div data-testid="source-editor" className="grid gap-3 bg-slate-50 p-4 md:grid-cols-3 dark:bg-slate-950/40">
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
      </Field>
      <KindSelect kinds={kinds} value={kind} onChange={setKind} />
      <Field label="Rate limit (requests/minute)" hint="Empty: the server default">
        <input value={rate} onChange={(e) => setRate(e.target.value)} inputMode="numeric" className={inputClass} />
      </Field>
      {kind === "generic" && (
        <div className="md:col-span-3">
          <Field label="Field mapping (JSON paths into the payload)" hint="Empty: well-known field names (title, severity, id, src_ip, user, …) are read by default.">
            <textarea value={mapping} onChange={(e) => setMapping(e.target.value)} rows={7} placeholder={MAPPING_EXAMPLE} className={`${inputClass} font-mono text-xs`} />
          </Field>
        </div>
      )}
      <div className="flex gap-2 md:col-span-3">
        <button type="button" onClick={save} disabled={update.isPending} className={buttonClass}>
          {update.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onClose} className={secondaryButtonClass}>
          Cancel
        </button>
      </div>
      <div className="md:col-span-3">
        <ErrorText error={jsonError ? { message: jsonError } : update.error} />
      </div>
    </div>
  );
}
