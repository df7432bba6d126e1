"use client";
// Form to add an alert source: slug, name, parser kind, authentication mode.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { KindSelect } from "./kind-select";
import { buttonClass, ErrorText, Field, inputClass } from "../ui";
import type { RevealedSecret } from "./secret-callout";

const AUTH_MODES = [
  { value: "token", label: "Bearer token" },
  { value: "hmac", label: "HMAC signature (X-Vigil-Signature)" },
  { value: "okta", label: "Okta event hook" },
];

export function CreateSourceForm({ kinds, onCreated }: { kinds: { kind: string; label: string }[]; onCreated: (s: RevealedSecret) => void }) {
  const trpc = useTRPC();
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState("generic");
  const [auth, setAuth] = useState("token");
  const create = useMutation(
    trpc.sources.create.mutationOptions({
      onSuccess: (s) => {
        onCreated({ slug: s.slug, auth: s.auth, secret: s.secret, rotated: false });
        setSlug("");
        setName("");
      },
    }),
  );
  return (
    <form
      data-testid="create-source"
      className="grid gap-3 md:grid-cols-5 md:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ slug, name: name || undefined, kind, auth: auth as "token" });
      }}
    >
      <Field label="Slug">
        <input required value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="splunk-prod" pattern="[a-z0-9][a-z0-9-]*" className={inputClass} />
      </Field>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Splunk production" className={inputClass} />
      </Field>
      <KindSelect kinds={kinds} value={kind} onChange={setKind} />
      <Field label="Authentication">
        <select value={auth} onChange={(e) => setAuth(e.target.value)} className={inputClass}>
          {AUTH_MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={create.isPending} className={buttonClass}>
        {create.isPending ? "Adding…" : "Add source"}
      </button>
      <div className="space-y-2 md:col-span-5">
        <p className="text-xs text-slate-500">Senders POST to /api/webhooks/&lt;slug&gt;. The secret is shown once, right after you add the source.</p>
        <ErrorText error={create.error} />
      </div>
    </form>
  );
}
