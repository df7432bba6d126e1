// A titled box, the building block of detail pages.
import type { ReactNode } from "react";

export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold dark:border-slate-800">{title}</h2>
      <div className="p-4">{children}</div>
    </section>
  );
}
