// Table primitives in one style. Rows can be "active" (the keyboard cursor, j/k) and "selected"
// (checked for a bulk action); both are visible without colour alone (outline, checkbox).
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

export function TableShell({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="overflow-x-auto">{children}</div>
      {footer}
    </div>
  );
}

export function Table({ children, className = "", ...rest }: HTMLAttributes<HTMLTableElement>) {
  return (
    <table className={`w-full text-sm ${className}`} {...rest}>
      {children}
    </table>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50 dark:text-slate-400">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>;
}

export function Th({ children, className = "", ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={`px-3 py-2 font-medium ${className}`} {...rest}>
      {children}
    </th>
  );
}

export function Td({ children, className = "", ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={`px-3 py-2 align-middle ${className}`} {...rest}>
      {children}
    </td>
  );
}

export function Tr({ children, active = false, selected = false, className = "", ...rest }: HTMLAttributes<HTMLTableRowElement> & { active?: boolean; selected?: boolean }) {
  const state = active ? "bg-sky-50 outline-2 -outline-offset-2 outline-sky-500 dark:bg-sky-950/40" : selected ? "bg-sky-50/60 dark:bg-sky-950/20" : "hover:bg-slate-50 dark:hover:bg-slate-800/40";
  return (
    <tr aria-selected={selected || undefined} data-active={active || undefined} className={`${state} ${className}`} {...rest}>
      {children}
    </tr>
  );
}

/** "Load more" under a keyset-paginated table. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  if (!hasMore) return null;
  return (
    <button type="button" onClick={onClick} disabled={loading} className="w-full border-t border-slate-100 py-2 text-sm text-slate-500 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
      {loading ? "Loading…" : "Load more"}
    </button>
  );
}
