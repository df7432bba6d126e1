"use client";
// The one moment a source secret is visible: after creation or rotation. It lives only in this
// component's state; reloading the page or dismissing it loses it for good.
import { useState } from "react";
import { secondaryButtonClass } from "../ui";

export interface RevealedSecret {
  slug: string;
  auth: string;
  secret: string;
  rotated: boolean;
}

function senderHint(auth: string, url: string, secret: string): string {
  if (auth === "okta") return `Okta → Workflow → Event Hooks → Create: URL ${url}, authentication field "Authorization", secret: the value above.`;
  if (auth === "hmac") return `Sign each POST to ${url}: X-Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>.`;
  return `curl -X POST ${url} -H "Authorization: Bearer ${secret}" -H "Content-Type: application/json" -d '{"title":"test alert"}'`;
}

export function SecretCallout({ revealed, onDismiss }: { revealed: RevealedSecret; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const url = `${typeof window === "undefined" ? "" : window.location.origin}/api/webhooks/${revealed.slug}`;
  return (
    <div role="status" data-testid="source-secret" className="space-y-2 rounded-lg border border-amber-400/60 bg-amber-50 p-4 text-sm dark:border-amber-500/40 dark:bg-amber-500/10">
      <p className="font-medium">
        {revealed.rotated ? "New secret" : "Secret"} for <span className="font-mono">{revealed.slug}</span> — shown only now. Store it in the sender; Vigil keeps it encrypted and cannot show it again.
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="source-secret-value" className="break-all rounded bg-white px-2 py-1 font-mono dark:bg-slate-950">
          {revealed.secret}
        </code>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => void navigator.clipboard?.writeText(revealed.secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="break-all text-xs text-slate-600 dark:text-slate-300">{senderHint(revealed.auth, url, revealed.secret)}</p>
      <button type="button" className={secondaryButtonClass} onClick={onDismiss}>
        I have stored it
      </button>
    </div>
  );
}
