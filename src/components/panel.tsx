// A titled section of a page (case detail panels, dashboard cards).
import type { ReactNode } from "react";

export function Panel({ title, actions, children, testId, className = "", bodyClassName = "p-4" }: { title: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; className?: string; bodyClassName?: string }) {
  return (
    <section data-testid={testId} className={`rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <header className="flex items-center gap-2 border-b border-slate-100 px-4 py-2 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{title}</h2>
        {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
      </header>
      <div className={bodyClassName}>{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <div>
        <h1 className="text-lg font-semibold">{title}</h1>
        {description && <p className="text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
    </div>
  );
}
