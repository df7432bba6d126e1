// The cases list's filters live in the URL (shareable, back-button friendly). This maps the
// query string to the list input and back; presets keep the bar to one line of selects.
export const STATUS_PRESETS: Record<string, { label: string; status?: string[] }> = {
  open: { label: "Open", status: ["new", "triage", "contained"] },
  all: { label: "All statuses" },
  new: { label: "New", status: ["new"] },
  triage: { label: "Triage", status: ["triage"] },
  contained: { label: "Contained", status: ["contained"] },
  closed: { label: "Closed", status: ["resolved", "false_positive"] },
  resolved: { label: "Resolved", status: ["resolved"] },
  false_positive: { label: "False positive", status: ["false_positive"] },
};
export const SEVERITY_PRESETS: Record<string, { label: string; severity?: string[] }> = {
  any: { label: "Any severity" },
  critical: { label: "Critical", severity: ["critical"] },
  high_up: { label: "High or critical", severity: ["high", "critical"] },
  medium_up: { label: "Medium and above", severity: ["medium", "high", "critical"] },
  high: { label: "High", severity: ["high"] },
  medium: { label: "Medium", severity: ["medium"] },
  low: { label: "Low", severity: ["low"] },
};
export const SORTS = { newest: "Newest first", oldest: "Oldest first", severity: "Severity" } as const;

export interface CaseFilterState {
  status: string;
  severity: string;
  assignee: string;
  source: string;
  observable: string;
  q: string;
  from: string;
  to: string;
  sort: keyof typeof SORTS;
}

export const DEFAULT_FILTERS: CaseFilterState = { status: "open", severity: "any", assignee: "", source: "", observable: "", q: "", from: "", to: "", sort: "newest" };

export function filtersFromParams(params: URLSearchParams): CaseFilterState {
  const get = (k: keyof CaseFilterState) => params.get(k) ?? DEFAULT_FILTERS[k];
  const sort = get("sort");
  return {
    status: get("status") in STATUS_PRESETS ? get("status") : "open",
    severity: get("severity") in SEVERITY_PRESETS ? get("severity") : "any",
    assignee: get("assignee"),
    source: get("source"),
    observable: get("observable"),
    q: get("q"),
    from: /^\d{4}-\d{2}-\d{2}$/.test(get("from")) ? get("from") : "",
    to: /^\d{4}-\d{2}-\d{2}$/.test(get("to")) ? get("to") : "",
    sort: sort in SORTS ? (sort as CaseFilterState["sort"]) : "newest",
  };
}

/** Only non-default values go into the URL. */
export function paramsFromFilters(f: CaseFilterState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && v !== DEFAULT_FILTERS[k as keyof CaseFilterState]) p.set(k, v);
  return p.toString();
}

/** The tRPC list input for a filter state (dates are whole days in the browser's time zone). */
export function listInputFromFilters(f: CaseFilterState) {
  const day = (d: string, endOfDay: boolean) => new Date(`${d}T${endOfDay ? "23:59:59.999" : "00:00:00"}`);
  const uuid = /^[0-9a-f-]{36}$/i;
  return {
    status: STATUS_PRESETS[f.status]?.status as ("new" | "triage" | "contained" | "resolved" | "false_positive")[] | undefined,
    severity: SEVERITY_PRESETS[f.severity]?.severity as ("low" | "medium" | "high" | "critical")[] | undefined,
    assignee: f.assignee === "me" || f.assignee === "unassigned" || uuid.test(f.assignee) ? (f.assignee as string) : undefined,
    sourceId: uuid.test(f.source) ? f.source : undefined,
    observable: f.observable.trim() || undefined,
    q: f.q.trim() || undefined,
    from: f.from ? day(f.from, false) : undefined,
    to: f.to ? day(f.to, true) : undefined,
    sort: f.sort,
    limit: 50,
  };
}
