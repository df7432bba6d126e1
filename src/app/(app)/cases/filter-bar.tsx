"use client";
// The cases list's filter bar: search, status, severity, assignee, source, observable, dates, sort.
// Text fields apply on Enter or blur (not per keystroke), selects at once.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/button";
import { Input, Select } from "@/components/form";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { DEFAULT_FILTERS, SEVERITY_PRESETS, SORTS, STATUS_PRESETS, type CaseFilterState } from "./filters";

interface Options {
  users: { id: string; name: string }[];
  sources: { id: string; slug: string }[];
}

function TextFilter({ label, value, placeholder, onCommit, inputRef, className = "w-44", testId }: { label: string; value: string; placeholder: string; onCommit: (v: string) => void; inputRef?: React.RefObject<HTMLInputElement | null>; className?: string; testId?: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <Input
      ref={inputRef}
      type="search"
      aria-label={label}
      data-testid={testId}
      placeholder={placeholder}
      value={draft}
      className={className}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => e.key === "Enter" && onCommit(draft)}
    />
  );
}

export function FilterBar({ filters, options, onChange }: { filters: CaseFilterState; options: Options | undefined; onChange: (next: CaseFilterState) => void }) {
  const set = (patch: Partial<CaseFilterState>) => onChange({ ...filters, ...patch });
  const search = useRef<HTMLInputElement>(null);
  const shortcuts = useRef([{ keys: "/", description: "Search cases", group: "Cases", run: () => search.current?.focus() }]);
  useShortcuts(shortcuts.current);
  return (
    <div role="search" aria-label="Filter cases" className="mb-3 flex flex-wrap items-center gap-2">
      <TextFilter label="Search cases" testId="case-search" inputRef={search} className="w-56" value={filters.q} placeholder="Search title, IP, user, #" onCommit={(q) => set({ q })} />
      <Select aria-label="Status" className="w-36" value={filters.status} onChange={(e) => set({ status: e.target.value })}>
        {Object.entries(STATUS_PRESETS).map(([k, v]) => (
          <option key={k} value={k}>{v.label}</option>
        ))}
      </Select>
      <Select aria-label="Severity" className="w-40" value={filters.severity} onChange={(e) => set({ severity: e.target.value })}>
        {Object.entries(SEVERITY_PRESETS).map(([k, v]) => (
          <option key={k} value={k}>{v.label}</option>
        ))}
      </Select>
      <Select aria-label="Assignee" className="w-36" value={filters.assignee} onChange={(e) => set({ assignee: e.target.value })}>
        <option value="">Anyone</option>
        <option value="me">Assigned to me</option>
        <option value="unassigned">Unassigned</option>
        {options?.users.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </Select>
      <Select aria-label="Source" className="w-36" value={filters.source} onChange={(e) => set({ source: e.target.value })}>
        <option value="">Any source</option>
        {options?.sources.map((s) => (
          <option key={s.id} value={s.id}>{s.slug}</option>
        ))}
      </Select>
      <TextFilter label="Observable (exact value)" className="w-44" value={filters.observable} placeholder="Exact IP, user, host…" onCommit={(observable) => set({ observable })} />
      <label className="flex items-center gap-1 text-xs text-slate-500">
        From
        <Input type="date" aria-label="Opened from" className="w-[8.5rem]" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        to
        <Input type="date" aria-label="Opened until" className="w-[8.5rem]" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
    </div>
  );
}

/** "Clear filters", shown in the header row (the filter bar fills a 1440 px line by itself). */
export function ClearFilters({ filters, onChange }: { filters: CaseFilterState; onChange: (next: CaseFilterState) => void }) {
  if (JSON.stringify(filters) === JSON.stringify(DEFAULT_FILTERS)) return null;
  return (
    <Button variant="ghost" size="sm" onClick={() => onChange(DEFAULT_FILTERS)}>
      Clear filters ✕
    </Button>
  );
}

/** Sort order of the list, shown in the header row next to the counts. */
export function SortSelect({ filters, onChange }: { filters: CaseFilterState; onChange: (next: CaseFilterState) => void }) {
  return (
    <Select aria-label="Sort" className="w-40" value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.target.value as CaseFilterState["sort"] })}>
      {Object.entries(SORTS).map(([k, v]) => (
        <option key={k} value={k}>{v}</option>
      ))}
    </Select>
  );
}
