"use client";
// The case page's observables with their enrichment (AbuseIPDB, VirusTotal, GreyNoise): worst
// verdict per observable, one line per provider, and buttons to enrich one observable or all.
// Usage: <CaseEnrichments caseId={c.id} /> (reads enrichments.forCase).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

const VERDICT: Record<string, string> = {
  malicious: "bg-red-500/15 text-red-700 dark:text-red-300",
  suspicious: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  benign: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  unknown: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
};

export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (!verdict) return <span className="text-xs text-slate-400">not enriched</span>;
  return (
    <span data-verdict={verdict} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${VERDICT[verdict] ?? VERDICT.unknown}`}>
      {verdict}
    </span>
  );
}

const button = "rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

export function CaseEnrichments({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.enrichments.forCase.queryOptions({ caseId }));
  const items = query.data?.observables;
  const enrichable = new Set(query.data?.enrichableTypes ?? []);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.enrichments.forCase.queryKey({ caseId }) });
  const enrichAll = useMutation(trpc.enrichments.enrichCase.mutationOptions({ onSettled: refresh }));
  const enrichOne = useMutation(trpc.enrichments.enrichObservable.mutationOptions({ onSettled: refresh }));
  const error = enrichAll.error ?? enrichOne.error;

  return (
    <section data-testid="case-enrichments" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-center gap-2 border-b border-slate-100 px-4 py-2 dark:border-slate-800">
        <h2 className="text-sm font-semibold">Observables &amp; enrichment</h2>
        <button type="button" className={`${button} ml-auto`} disabled={enrichAll.isPending || !items?.length} onClick={() => enrichAll.mutate({ caseId })} data-testid="enrich-case">
          {enrichAll.isPending ? "Enriching…" : "Enrich all"}
        </button>
      </header>
      <div className="space-y-3 p-4">
        {error && <p role="alert" className="text-sm text-red-500">Enrichment failed: {error.message}</p>}
        {query.error && <p role="alert" className="text-sm text-red-500">Could not load enrichment: {query.error.message}</p>}
        {query.data && query.data.enrichableTypes.length === 0 && (
          <p className="text-sm text-slate-500">No enrichment connection is enabled; an admin can add AbuseIPDB, VirusTotal or GreyNoise on the connections page.</p>
        )}
        {items?.length === 0 && <p className="text-sm text-slate-500">No observables on this case yet; they appear when an alert carries IPs, domains, URLs or hashes.</p>}
        <ul className="space-y-3">
          {items?.map(({ observable, verdict, results }) => (
            <li key={observable.id} data-testid="enriched-observable" className="text-sm">
              <div className="flex items-center gap-2">
                <span className="w-14 shrink-0 text-xs uppercase text-slate-500">{observable.type}</span>
                <span className="break-all font-mono">{observable.value}</span>
                {enrichable.has(observable.type) ? <VerdictBadge verdict={verdict} /> : <span className="text-xs text-slate-400">no provider for {observable.type}</span>}
                {enrichable.has(observable.type) && (
                <button
                  type="button"
                  className={`${button} ml-auto`}
                  aria-label={`Enrich ${observable.value}`}
                  disabled={enrichOne.isPending}
                  onClick={() => enrichOne.mutate({ observableId: observable.id, force: results.length > 0 })}
                >
                  {results.length ? "Refresh" : "Enrich"}
                </button>
                )}
              </div>
              {results.length > 0 && (
                <ul className="mt-1 space-y-1.5 border-l border-slate-200 pl-3 dark:border-slate-700">
                  {results.map((r) => (
                    <li key={r.provider} data-testid="enrichment-result" className="text-xs">
                      <div className="flex items-center gap-2">
                        <span className="font-medium">{r.provider}</span>
                        <VerdictBadge verdict={r.verdict} />
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
          ))}
        </ul>
      </div>
    </section>
  );
}
