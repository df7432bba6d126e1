// Signed-in shell: every page under (app) requires a session. Header with the role-aware
// navigation, live-update status, theme switch and keyboard help; toasts, shortcuts and the live
// event stream are provided to every page.
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentSession } from "@/server/auth/server-session";
import { AppNav } from "@/components/app-nav";
import { ShortcutsProvider } from "@/components/keyboard/shortcuts";
import { LiveIndicator, LiveUpdates } from "@/components/live-updates";
import { LogoutButton } from "@/components/logout-button";
import { ThemeToggle } from "@/components/theme-toggle";
import { ToastProvider } from "@/components/toast";
import { RoleBadge } from "@/components/badges";
import { HelpButton } from "@/components/keyboard/help-button";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/login");
  return (
    <ToastProvider>
      <LiveUpdates>
        <ShortcutsProvider>
          <div className="min-h-screen">
            <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-1 dark:focus:bg-slate-900">
              Skip to content
            </a>
            <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
              <div className="mx-auto flex h-12 max-w-[96rem] items-center gap-4 px-4">
                <Link href="/cases" className="flex items-center gap-2 font-semibold">
                  <span className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-500" aria-hidden />
                  Vigil
                </Link>
                <AppNav role={session.user.role} />
                <div className="ml-auto flex items-center gap-3 text-sm text-slate-500">
                  <LiveIndicator />
                  <HelpButton />
                  <ThemeToggle />
                  <span data-testid="current-user" className="flex items-center gap-1.5">
                    {session.user.name} <RoleBadge role={session.user.role} />
                  </span>
                  <LogoutButton />
                </div>
              </div>
            </header>
            <main id="main" className="mx-auto max-w-[96rem] px-4 py-5">
              {children}
            </main>
          </div>
        </ShortcutsProvider>
      </LiveUpdates>
    </ToastProvider>
  );
}
