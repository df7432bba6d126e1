// Observables of the case with what enrichment providers said about them and how many OTHER
// cases they appear in (a link to those cases through the list's observable filter).
import Link from "next/link";
import { VerdictBadge } from "@/components/badges";
import { JsonViewer } from "@/components/json-viewer";
import { Panel } from "@/components/panel";
import type { CaseData } from "@/trpc/types";

export function ObservablesPanel({ observables }: { observables: CaseData["observables"] }) {
  return (
    <Panel title={`Observables (${observables.length})`} testId="case-observables" bodyClassName="p-0">
      {observables.length === 0 && <p className="p-4 text-sm text-slate-500">No observables were extracted from the alerts. Check the source's field mapping.</p>}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {observables.map((o) => (
          <li key={o.id} data-testid="observable" className="px-4 py-2 text-sm">
            <div className="flex items-center gap-2">
              <span className="w-14 shrink-0 text-[11px] tracking-wide text-slate-500 uppercase">{o.type}</span>
              <span className="font-mono break-all">{o.value}</span>
              <span className="ml-auto shrink-0 text-xs">
                {o.otherCases > 0 ? (
                  <Link data-testid="other-cases" href={`/cases?status=all&observable=${encodeURIComponent(o.value)}`} className="text-sky-600 hover:underline dark:text-sky-400">
                    in {o.otherCases} other case{o.otherCases === 1 ? "" : "s"}
                  </Link>
                ) : (
                  <span className="text-slate-400">only here</span>
                )}
              </span>
            </div>
            {o.enrichments.map((e) => (
              <div key={e.provider} className="mt-1 ml-16 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <span className="font-medium text-slate-600 dark:text-slate-300">{e.provider}</span>
                <VerdictBadge verdict={e.verdict} />
                {e.score !== null && <span>score {e.score}</span>}
                <JsonViewer value={e.result} summary="details" />
              </div>
            ))}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
