"use client";
// The case's one Observables panel: each observable with its type, the enrichment verdicts
// (AbuseIPDB, VirusTotal, GreyNoise: worst verdict, one line per provider, enrich/refresh
// buttons) and how many OTHER cases it appears in (a link through the cases list's filter).
// Values, types and counts come with the case (cases.byId); verdicts from enrichments.forCase.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { VerdictBadge } from "@/components/badges";
import { Button } from "@/components/button";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import type { CaseData } from "@/trpc/types";

type Enriched = NonNullable<ReturnType<typeof useCaseEnrichments>["data"]>["observables"][number];

function useCaseEnrichments(caseId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.enrichments.forCase.queryOptions({ caseId }));
}

export function ObservablesPanel({ caseId, observables }: { caseId: string; observables: CaseData["observables"] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useCaseEnrichments(caseId);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.enrichments.forCase.queryKey({ caseId }) });
  const enrichAll = useMutation(trpc.enrichments.enrichCase.mutationOptions({ onSettled: refresh }));
  const enrichOne = useMutation(trpc.enrichments.enrichObservable.mutationOptions({ onSettled: refresh }));
  const error = enrichAll.error ?? enrichOne.error;
  const enrichable = new Set<string>(query.data?.enrichableTypes ?? []);
  const byId = new Map<string, Enriched>((query.data?.observables ?? []).map((e) => [e.observable.id, e]));
  // Most alarming first (the enrichment view's order), then whatever it did not list.
  const rank = new Map((query.data?.observables ?? []).map((e, i) => [e.observable.id, i]));
  const sorted = [...observables].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  const canEnrich = observables.some((o) => enrichable.has(o.type));

  return (
    <Panel
      title={`Observables (${observables.length})`}
      testId="case-observables"
      bodyClassName="p-0"
      actions={
        canEnrich && (
          <Button size="sm" data-testid="enrich-case" loading={enrichAll.isPending} onClick={() => enrichAll.mutate({ caseId })}>
            Enrich all
          </Button>
        )
      }
    >
      {error && <p role="alert" className="px-4 pt-3 text-sm text-red-600 dark:text-red-400">Enrichment failed: {error.message}</p>}
      {query.error && <p role="alert" className="px-4 pt-3 text-sm text-red-600 dark:text-red-400">Could not load enrichment results: {query.error.message}</p>}
      {observables.length === 0 && <p className="p-4 text-sm text-slate-500">No observables were extracted from the alerts. Map the source's IP, user, host or hash fields under Settings → Sources.</p>}
      {observables.length > 0 && query.data && query.data.enrichableTypes.length === 0 && (
        <p className="px-4 pt-3 text-xs text-slate-500">No enrichment connection is enabled; an admin can add AbuseIPDB, VirusTotal or GreyNoise under Settings → Connections.</p>
      )}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {sorted.map((o) => {
          const e = byId.get(o.id);
          const results = e?.results ?? [];
          const supported = enrichable.has(o.type);
          return (
            <li key={o.id} data-testid="observable" data-observable={o.value} className="px-4 py-2 text-sm">
              <div className="flex items-center gap-2">
                <span className="w-16 shrink-0 text-[11px] tracking-wide text-slate-500 uppercase">{o.type}</span>
                <span className="min-w-0 font-mono break-all">{o.value}</span>
                {supported && (e?.verdict ? <span data-verdict={e.verdict}><VerdictBadge verdict={e.verdict} /></span> : <span className="shrink-0 text-xs text-slate-400">not enriched</span>)}
                <span className="ml-auto flex shrink-0 items-center gap-2 text-xs">
                  {o.otherCases > 0 ? (
                    <Link data-testid="other-cases" href={`/cases?status=all&observable=${encodeURIComponent(o.value)}`} className="text-sky-600 hover:underline dark:text-sky-400">
                      in {o.otherCases} other case{o.otherCases === 1 ? "" : "s"}
                    </Link>
                  ) : (
                    <span className="text-slate-400">only here</span>
                  )}
                  {supported && (
                    <Button size="sm" variant="ghost" aria-label={`Enrich ${o.value}`} disabled={enrichOne.isPending} onClick={() => enrichOne.mutate({ observableId: o.id, force: results.length > 0 })}>
                      {results.length ? "Refresh" : "Enrich"}
                    </Button>
                  )}
                </span>
              </div>
              {results.length > 0 && (
                <ul className="mt-1 ml-[4.5rem] space-y-1.5 border-l border-slate-200 pl-3 dark:border-slate-700">
                  {results.map((r) => (
                    <li key={r.provider} data-testid="enrichment-result" className="text-xs">
                      <div className="flex items-center gap-2">
                        <span className="font-medium text-slate-700 dark:text-slate-200">{r.provider}</span>
                        <span data-verdict={r.verdict}><VerdictBadge verdict={r.verdict} /></span>
                        <span className="ml-auto text-slate-500">
                          {r.stale && <span className="mr-1 text-amber-600 dark:text-amber-400">stale ·</span>}
                          <Time value={r.fetchedAt} />
                        </span>
                      </div>
                      <p className="text-slate-600 dark:text-slate-300">
                        {r.summary}
                        {r.link && (
                          <>
                            {" "}
                            <a href={r.link} target="_blank" rel="noreferrer noopener" className="whitespace-nowrap text-sky-600 hover:underline dark:text-sky-400">
                              details ↗
                            </a>
                          </>
                        )}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
