// What a list shows when it has nothing: what this is, and what to do next.
import type { ReactNode } from "react";

export function EmptyState({ title, children, action, testId }: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700">
      <p className="font-medium text-slate-700 dark:text-slate-200">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-xl text-sm text-slate-500">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** An error from the server, said plainly, with the server's message (which names the problem). */
export function ErrorState({ what, error }: { what: string; error: { message: string } }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
      Could not {what}: {error.message}
    </div>
  );
}
