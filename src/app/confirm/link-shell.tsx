// Frame for the pages signed links open (outside the signed-in app shell).
import type { ReactNode } from "react";

export function LinkShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className={`w-full ${wide ? "max-w-2xl" : "max-w-md"} rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900`}>
        <div className="mb-6 flex items-center gap-2">
          <span className="inline-block h-3 w-3 rounded-full bg-emerald-500" aria-hidden />
          <span className="text-lg font-semibold tracking-tight">Vigil</span>
        </div>
        {children}
      </div>
    </main>
  );
}
