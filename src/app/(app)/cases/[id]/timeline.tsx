"use client";
// The one chronological stream of a case: alerts, changes, comments (markdown, rendered safely),
// playbook steps, approvals, containment. Filter chips narrow it; the composer adds a comment (c).
import { useMutation } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/button";
import { Textarea } from "@/components/form";
import { useShortcuts, type Shortcut } from "@/components/keyboard/shortcuts";
import { Markdown } from "@/components/markdown";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import type { CaseData } from "@/trpc/types";
import { actorLabel, describeEntry, entryTone, type ActorContext, type EntryTone } from "./timeline-text";

const DOT: Record<EntryTone, string> = {
  alert: "bg-orange-500",
  change: "bg-sky-500",
  comment: "bg-slate-400",
  playbook: "bg-violet-500",
  approval: "bg-amber-500",
  containment: "bg-red-500",
  other: "bg-slate-400",
};
const FILTERS: [EntryTone | "all", string][] = [
  ["all", "All"],
  ["comment", "Comments"],
  ["alert", "Alerts"],
  ["change", "Changes"],
  ["playbook", "Playbooks"],
  ["approval", "Approvals"],
  ["containment", "Containment"],
];

function CommentComposer({ caseId, onPosted }: { caseId: string; onPosted: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [body, setBody] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const post = useMutation(trpc.cases.comment.mutationOptions({ onSuccess: () => (setBody(""), onPosted()), onError: (e) => toast.error(`Comment not saved: ${e.message}`) }));
  const shortcuts = useMemo<Shortcut[]>(() => [{ keys: "c", description: "Write a comment", group: "Case", run: () => ref.current?.focus() }], []);
  useShortcuts(shortcuts);
  const submit = () => body.trim() && post.mutate({ caseId, body });
  return (
    <form className="mt-4 border-t border-slate-100 pt-3 dark:border-slate-800" onSubmit={(e) => (e.preventDefault(), submit())}>
      <label htmlFor="comment-body" className="mb-1 block text-xs font-medium text-slate-500">
        Add a comment <span className="font-normal">(markdown; Ctrl+Enter to post)</span>
      </label>
      <Textarea
        id="comment-body"
        ref={ref}
        data-testid="comment-input"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key === "Enter" && submit()}
        placeholder="What did you find? Links, `code`, **bold** and lists work."
      />
      <div className="mt-2 flex justify-end">
        <Button type="submit" variant="primary" size="sm" disabled={!body.trim()} loading={post.isPending}>
          Comment
        </Button>
      </div>
    </form>
  );
}

export function Timeline({ c, onChanged }: { c: CaseData; onChanged: () => void }) {
  const [filter, setFilter] = useState<EntryTone | "all">("all");
  const ctx: ActorContext = useMemo(() => ({ names: c.actorNames, runTitles: Object.fromEntries(c.runs.map((r) => [r.id, r.playbookTitle])) }), [c.actorNames, c.runs]);
  const entries = filter === "all" ? c.timeline : c.timeline.filter((e) => entryTone(e.kind) === filter);
  return (
    <Panel
      title="Timeline"
      testId="case-timeline"
      actions={
        <div className="flex flex-wrap gap-1" role="group" aria-label="Show on the timeline">
          {FILTERS.map(([k, l]) => (
            <button key={k} type="button" aria-pressed={filter === k} onClick={() => setFilter(k)} className={`rounded px-2 py-0.5 text-xs ${filter === k ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
              {l}
            </button>
          ))}
        </div>
      }
    >
      {entries.length === 0 && <p className="text-sm text-slate-500">Nothing of this kind on the timeline yet.</p>}
      <ol className="relative space-y-3 border-l border-slate-200 pl-4 dark:border-slate-800">
        {entries.map((e) => {
          const tone = entryTone(e.kind);
          const text = typeof e.data.text === "string" ? e.data.text : null;
          return (
            <li key={e.key} data-testid="timeline-entry" data-kind={e.kind} className="relative text-sm">
              <span className={`absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full ring-2 ring-white dark:ring-slate-900 ${DOT[tone]}`} aria-hidden />
              <div className="flex flex-wrap items-baseline gap-x-1.5">
                <span className="font-medium">{actorLabel(e.actor, ctx)}</span>
                <span className="text-slate-600 dark:text-slate-300">{describeEntry(e, ctx)}</span>
                <span className="ml-auto text-xs whitespace-nowrap text-slate-500"><Time value={e.at} /></span>
              </div>
              {e.kind === "comment" && text !== null && (
                <div className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-950/50">
                  <Markdown>{text}</Markdown>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <CommentComposer caseId={c.id} onPosted={onChanged} />
    </Panel>
  );
}
